using Aduan.Sla;
using Aduan.Statistics;

namespace Aduan.Supervision;

public enum SummaryKind
{
    Weekly,
    Monthly,
}

/// <summary>A summary of one kind for one period, e.g. the week of 23–29 November.</summary>
public sealed record DueSummary(SummaryKind Kind, Period Period)
{
    public string Key => $"{Kind.ToString().ToLowerInvariant()}/{Period.Iso(Period.From)}";
}

/// <summary>
/// When summaries are due, on the city's calendar: the weekly one from <see cref="SummaryOptions.WeeklyDay"/>
/// at <see cref="SummaryOptions.WeeklyTime"/>, for the seven days before that day; the monthly one from the
/// month's first working day at <see cref="SummaryOptions.MonthlyTime"/>, for the month before. At any
/// moment the due ones are the latest period of each kind whose sending time has passed (the outbox keys
/// make each go out once): an instance that was down all Monday sends on Tuesday, and never two weeks at once.
/// </summary>
public static class SummarySchedule
{
    public static IReadOnlyList<DueSummary> Due(DateTimeOffset now, WorkingCalendar calendar, SummaryOptions options)
    {
        var local = TimeZoneInfo.ConvertTime(now, calendar.Zone);
        var today = DateOnly.FromDateTime(local.DateTime);

        var sendDay = LastSendDay(today, options.WeeklyDay);
        if (sendDay == today && local.TimeOfDay < options.WeeklyTime)
        {
            sendDay = sendDay.AddDays(-7);
        }

        var month = new DateOnly(today.Year, today.Month, 1);
        var firstWorkingDay = FirstWorkingDay(month, calendar);
        if (today < firstWorkingDay || (today == firstWorkingDay && local.TimeOfDay < options.MonthlyTime))
        {
            month = month.AddMonths(-1);
        }

        return [Week(sendDay), MonthBefore(month)];
    }

    /// <summary>The latest complete period of a kind, whatever the hour: what an admin's "send now" sends.</summary>
    public static DueSummary Latest(SummaryKind kind, DateTimeOffset now, WorkingCalendar calendar, SummaryOptions options)
    {
        var today = calendar.LocalDate(now);
        return kind == SummaryKind.Weekly ? Week(LastSendDay(today, options.WeeklyDay)) : MonthBefore(today);
    }

    private static DateOnly LastSendDay(DateOnly today, DayOfWeek day) => today.AddDays(-(((int)today.DayOfWeek - (int)day + 7) % 7));

    private static DueSummary Week(DateOnly sendDay) => new(SummaryKind.Weekly, new Period(sendDay.AddDays(-7), sendDay.AddDays(-1)));

    private static DueSummary MonthBefore(DateOnly day)
    {
        var first = new DateOnly(day.Year, day.Month, 1).AddMonths(-1);
        return new DueSummary(SummaryKind.Monthly, new Period(first, first.AddMonths(1).AddDays(-1)));
    }

    private static DateOnly FirstWorkingDay(DateOnly day, WorkingCalendar calendar)
    {
        while (!calendar.IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }
}
