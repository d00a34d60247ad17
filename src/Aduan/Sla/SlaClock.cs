using Aduan.Escalations;

namespace Aduan.Sla;

public enum SlaClockKind
{
    Verification,
    Response,
    Resolution,
    ReporterReply,
    DeferralAnswer,
    UrgentAcknowledge,
    UrgentOnSite,
}

/// <summary>
/// One run of a deadline clock on a report. Clocks are never deleted: a stopped clock is the
/// history that deadline compliance is measured from (met when stopped before it was due).
/// </summary>
public sealed class SlaClock
{
    public long Id { get; private set; }
    public long ComplaintId { get; private set; }
    public SlaClockKind Kind { get; private set; }

    /// <summary>The lead agency when the clock started (null before dispatch).</summary>
    public long? AgencyId { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    public DateTimeOffset? StoppedAt { get; private set; }

    /// <summary>The escalation step this clock reaches next and when (<see cref="EscalationLadder"/>); none once stopped or at the top.</summary>
    public EscalationStep? NextStep { get; private set; }

    /// <inheritdoc cref="NextStep"/>
    public DateTimeOffset? NextStepAt { get; private set; }

    private SlaClock()
    {
    }

    internal SlaClock(SlaClockKind kind, long? agencyId, DateTimeOffset startedAt, DateTimeOffset dueAt)
    {
        Kind = kind;
        AgencyId = agencyId;
        StartedAt = startedAt;
        DueAt = dueAt;
    }

    public bool IsRunning => StoppedAt is null;

    public bool IsOverdue(DateTimeOffset now) => (StoppedAt ?? now) > DueAt;

    /// <summary>A stopped clock climbs no further: a clock met before a step sends nothing.</summary>
    internal void Stop(DateTimeOffset at)
    {
        StoppedAt = at;
        Plan(null);
    }

    internal void Plan(PlannedStep? next) => (NextStep, NextStepAt) = (next?.Step, next?.At);
}
