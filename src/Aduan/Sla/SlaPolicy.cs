using Aduan.Categories;
using Aduan.Complaints;

namespace Aduan.Sla;

/// <summary>Which clocks run in which state, and when each falls due. Built per change with the current holidays.</summary>
public sealed class SlaPolicy(SlaOptions options, WorkingCalendar calendar)
{
    public SlaOptions Options { get; } = options;
    public WorkingCalendar Calendar { get; } = calendar;

    /// <summary>Urgent clocks run from the moment a report is flagged urgent until the agency's final follow-up.</summary>
    public static IReadOnlySet<SlaClockKind> RunningIn(ComplaintStatus status, Priority priority)
    {
        var urgent = priority == Priority.Urgent;
        return status switch
        {
            ComplaintStatus.Submitted => urgent
                ? [SlaClockKind.Verification, SlaClockKind.UrgentAcknowledge, SlaClockKind.UrgentOnSite]
                : new HashSet<SlaClockKind> { SlaClockKind.Verification },
            ComplaintStatus.Deferred => new HashSet<SlaClockKind> { SlaClockKind.DeferralAnswer },
            ComplaintStatus.Dispatched => urgent
                ? [SlaClockKind.Response, SlaClockKind.Resolution, SlaClockKind.UrgentAcknowledge, SlaClockKind.UrgentOnSite]
                : new HashSet<SlaClockKind> { SlaClockKind.Response, SlaClockKind.Resolution },
            ComplaintStatus.InProgress => urgent
                ? [SlaClockKind.Resolution, SlaClockKind.UrgentOnSite]
                : new HashSet<SlaClockKind> { SlaClockKind.Resolution },
            ComplaintStatus.FollowedUp => new HashSet<SlaClockKind> { SlaClockKind.ReporterReply },
            _ => new HashSet<SlaClockKind>(),
        };
    }

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

    public static bool WaitsOnReporter(SlaClockKind kind) => kind is SlaClockKind.ReporterReply or SlaClockKind.DeferralAnswer;

    public bool WithinReopenWindow(DateTimeOffset resolvedAt, DateTimeOffset now) =>
        Options.ReopenWindowWorkingDays > 0 && now < Calendar.AddWorkingDays(resolvedAt, Options.ReopenWindowWorkingDays);
}
