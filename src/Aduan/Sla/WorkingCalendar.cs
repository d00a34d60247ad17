namespace Aduan.Sla;

/// <summary>
/// Monday to Friday in the city's time zone, minus holidays and cuti bersama. A deadline of
/// n working days ends at midnight (local) after the n-th working day following the start day,
/// so a report that arrives on Friday afternoon has all of Monday to Wednesday for 3 days.
/// </summary>
public sealed class WorkingCalendar(TimeZoneInfo zone, IReadOnlySet<DateOnly> holidays)
{
    public TimeZoneInfo Zone { get; } = zone;

    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(date);

    public DateOnly LocalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days)
    {
        var date = LocalDate(start);
        for (var counted = 0; counted < days;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return StartOfLocalDay(date.AddDays(1));
    }

    public DateTimeOffset AddCalendarDays(DateTimeOffset start, int days) =>
        StartOfLocalDay(LocalDate(start).AddDays(days + 1));

    /// <summary>Working days from <paramref name="from"/>'s day (exclusive) to <paramref name="to"/>'s day (inclusive).</summary>
    public int WorkingDaysBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var (start, end) = (LocalDate(from), LocalDate(to));
        var count = 0;
        for (var d = start.AddDays(1); d <= end; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                count++;
            }
        }

        return count;
    }

    public DateTimeOffset StartOfLocalDay(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static TimeZoneInfo FindZone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);
}
