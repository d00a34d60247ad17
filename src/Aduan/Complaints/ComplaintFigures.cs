using Aduan.Sla;

namespace Aduan.Complaints;

/// <summary>
/// Per-report figures the leadership dashboard ranks agencies by, written when the event happens so
/// that the dashboard counts them with GROUP BY instead of replaying the working calendar over
/// history on every page view (see Supervision/).
/// </summary>
public sealed partial class Complaint
{
    /// <summary>When the lead agency first answered a dispatch: acknowledged it or sent a follow-up.</summary>
    public DateTimeOffset? FirstResponseAt { get; private set; }

    /// <summary>Working days from <see cref="DispatchedAt"/> to <see cref="FirstResponseAt"/> (holidays and weekends left out).</summary>
    public int? ResponseWorkingDays { get; private set; }

    /// <summary>Working days from <see cref="DispatchedAt"/> to the latest final follow-up (<see cref="FollowedUpAt"/>).</summary>
    public int? FollowUpWorkingDays { get; private set; }

    /// <summary>How often the report was reopened after it was followed up or closed (by staff or by the reporter).</summary>
    public int ReopenCount { get; private set; }

    private void RecordFigures(ComplaintCommand command, ComplaintStatus before, DateTimeOffset now, SlaPolicy sla)
    {
        if (DispatchedAt is { } dispatched && before == ComplaintStatus.Dispatched && FirstResponseAt is null
            && command is AcknowledgeCommand or FollowUpCommand)
        {
            FirstResponseAt = now;
            ResponseWorkingDays = sla.Calendar.WorkingDaysBetween(dispatched, now);
        }

        if (command is FollowUpCommand { Final: true } && DispatchedAt is { } from)
        {
            FollowUpWorkingDays = sla.Calendar.WorkingDaysBetween(from, now);
        }

        if (command is ReopenCommand or RejectCommand)
        {
            ReopenCount++;
        }
    }

    /// <summary>For the rebuild command: the figures of a report written before they were kept, from its events.</summary>
    internal void RebuildFigures(DateTimeOffset? firstResponse, int reopens, WorkingCalendar calendar)
    {
        FirstResponseAt = DispatchedAt is null ? null : firstResponse;
        ResponseWorkingDays = DispatchedAt is { } d && firstResponse is { } r ? calendar.WorkingDaysBetween(d, r) : null;
        FollowUpWorkingDays = DispatchedAt is { } d2 && FollowedUpAt is { } f ? calendar.WorkingDaysBetween(d2, f) : null;
        ReopenCount = reopens;
    }
}
