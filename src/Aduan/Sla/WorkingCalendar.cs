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

    /// <summary>
    /// Time that falls on working days between two instants: whole local days count, Saturday, Sunday
    /// and holidays do not (the escalation ladder's 80% of a working-day clock is 80% of this).
    /// </summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var total = TimeSpan.Zero;
        for (var date = LocalDate(from); StartOfLocalDay(date) < to; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                var (start, end) = (StartOfLocalDay(date), StartOfLocalDay(date.AddDays(1)));
                total += (end < to ? end : to) - (start > from ? start : from);
            }
        }

        return total;
    }

    /// <summary>The instant at which <paramref name="span"/> of working time has passed since <paramref name="start"/>.</summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan span)
    {
        var left = span;
        for (var date = LocalDate(start); ; date = date.AddDays(1))
        {
            if (!IsWorkingDay(date))
            {
                continue;
            }

            var from = StartOfLocalDay(date) > start ? StartOfLocalDay(date) : start;
            var end = StartOfLocalDay(date.AddDays(1));
            if (from + left <= end)
            {
                return from + left;
            }

            left -= end - from;
        }
    }

    public DateTimeOffset StartOfLocalDay(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static TimeZoneInfo FindZone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);
}
