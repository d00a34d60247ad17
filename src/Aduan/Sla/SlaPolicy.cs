using Aduan.Categories;
using Aduan.Complaints;
using Aduan.Escalations;

namespace Aduan.Sla;

/// <summary>Which clocks run in which state, and when each falls due. Built per change with the current holidays.</summary>
public sealed class SlaPolicy(SlaOptions options, WorkingCalendar calendar, EscalationOptions? escalation = null)
{
    public SlaOptions Options { get; } = options;
    public WorkingCalendar Calendar { get; } = calendar;

    /// <summary>When each clock's escalation steps fall due.</summary>
    public EscalationLadder Ladder { get; } = new(escalation ?? new EscalationOptions(), calendar);

    /// <summary>
    /// Urgent clocks run from the moment a report is flagged urgent until the agency's final follow-up;
    /// the on-site clock stops earlier, when a follow-up says the team is on site.
    /// </summary>
    public static IReadOnlySet<SlaClockKind> RunningIn(ComplaintStatus status, Priority priority, bool onSite = false)
    {
        var result = RunningIn(status, priority == Priority.Urgent);
        return onSite && result.Contains(SlaClockKind.UrgentOnSite) ? result.Where(k => k != SlaClockKind.UrgentOnSite).ToHashSet() : result;
    }

    private static HashSet<SlaClockKind> RunningIn(ComplaintStatus status, bool urgent) => status switch
    {
        ComplaintStatus.Submitted => urgent
            ? [SlaClockKind.Verification, SlaClockKind.UrgentAcknowledge, SlaClockKind.UrgentOnSite]
            : [SlaClockKind.Verification],
        ComplaintStatus.Deferred => [SlaClockKind.DeferralAnswer],
        ComplaintStatus.Dispatched => urgent
            ? [SlaClockKind.Response, SlaClockKind.Resolution, SlaClockKind.UrgentAcknowledge, SlaClockKind.UrgentOnSite]
            : [SlaClockKind.Response, SlaClockKind.Resolution],
        ComplaintStatus.InProgress => urgent ? [SlaClockKind.Resolution, SlaClockKind.UrgentOnSite] : [SlaClockKind.Resolution],
        ComplaintStatus.FollowedUp => [SlaClockKind.ReporterReply],
        _ => [],
    };

    public DateTimeOffset DueAt(SlaClockKind kind, DateTimeOffset start, ServiceTier tier) => kind switch
    {
        SlaClockKind.Verification => Calendar.AddWorkingDays(start, Options.VerificationWorkingDays),
        SlaClockKind.Response => Calendar.AddWorkingDays(start, Options.ResponseWorkingDays),
        SlaClockKind.Resolution => tier switch
        {
            ServiceTier.Light => Calendar.AddWorkingDays(start, Options.LightWorkingDays),
            ServiceTier.NonSupervisory => Calendar.AddWorkingDays(start, Options.NonSupervisoryWorkingDays),
            ServiceTier.FieldExamination => Calendar.AddCalendarDays(start, Options.FieldExaminationCalendarDays),
            _ => Calendar.AddWorkingDays(start, Options.NormativeWorkingDays),
        },
        SlaClockKind.ReporterReply => Calendar.AddWorkingDays(start, Options.ReporterReplyWorkingDays),
        SlaClockKind.DeferralAnswer => Calendar.AddWorkingDays(start, Options.DeferralAnswerWorkingDays),
        SlaClockKind.UrgentAcknowledge => start.AddHours(Options.UrgentAcknowledgeHours),
        SlaClockKind.UrgentOnSite => start.AddHours(Options.UrgentOnSiteHours),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Whether the clock's deadline is counted in working days (else in hours or calendar days).</summary>
    public static bool CountsWorkingDays(SlaClockKind kind, ServiceTier tier) => kind switch
    {
        SlaClockKind.UrgentAcknowledge or SlaClockKind.UrgentOnSite => false,
        SlaClockKind.Resolution => tier != ServiceTier.FieldExamination,
        _ => true,
    };

    public static bool WaitsOnReporter(SlaClockKind kind) => kind is SlaClockKind.ReporterReply or SlaClockKind.DeferralAnswer;

    public bool WithinReopenWindow(DateTimeOffset resolvedAt, DateTimeOffset now) =>
        Options.ReopenWindowWorkingDays > 0 && now < Calendar.AddWorkingDays(resolvedAt, Options.ReopenWindowWorkingDays);
}
