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

    internal void Stop(DateTimeOffset at) => StoppedAt = at;
}
