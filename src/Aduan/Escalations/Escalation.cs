namespace Aduan.Escalations;

/// <summary>The rungs of the ladder, in order, and the Ombudsman flag beside it.</summary>
public enum EscalationStep
{
    /// <summary>At a share (80%) of a clock: the agency's officers (the managers for the verification clock).</summary>
    Reminder,

    /// <summary>At the deadline: the agency head and the managers.</summary>
    Missed,

    /// <summary>A number of working days overdue: leadership.</summary>
    Leadership,

    /// <summary>The report unresolved a number of days after it came in: flagged, and leadership and the managers told.</summary>
    Ombudsman,
}

/// <summary>
/// One step taken: the proof that it happened, unique per clock and step (per report for the
/// Ombudsman flag). Inserted in the same transaction as the step's event and messages, so a second
/// instance doing the same step fails on the key and saves nothing.
/// </summary>
public sealed class Escalation
{
    public long Id { get; private set; }
    public long ComplaintId { get; private set; }

    /// <summary>The clock that climbed; null for the Ombudsman flag, which belongs to the report.</summary>
    public long? ClockId { get; private set; }
    public EscalationStep Step { get; private set; }
    public DateTimeOffset At { get; private set; }

    private Escalation()
    {
    }

    public Escalation(long complaintId, long? clockId, EscalationStep step, DateTimeOffset at) =>
        (ComplaintId, ClockId, Step, At) = (complaintId, clockId, step, at);
}
