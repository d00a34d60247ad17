using System.Globalization;

using Aduan.Infrastructure;
namespace Aduan.Statistics;

/// <summary>
/// A range of whole days in WIB (UTC+7, the city's time; Indonesia has no summer time), both ends
/// included, and the UTC instants that bound it: from 00:00 WIB on the first day up to, not
/// including, 00:00 WIB after the last.
/// </summary>
public sealed record Period(DateOnly From, DateOnly To)
{
    public static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    /// <summary>Ten years at most: enough for the archive, and a bound on the per-month queries.</summary>
    public const int MaxDays = 3660;

    /// <summary>In UTC: PostgreSQL takes only UTC instants as parameters.</summary>
    public DateTimeOffset Start => new DateTimeOffset(From.ToDateTime(TimeOnly.MinValue), Wib).ToUniversalTime();

    public DateTimeOffset End => new DateTimeOffset(To.AddDays(1).ToDateTime(TimeOnly.MinValue), Wib).ToUniversalTime();

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>Reads <c>yyyy-MM-dd</c> dates; null with a resource key for the reason when they are not a range.</summary>
    public static Period? Parse(string? from, string? to, out string? error)
    {
        error = null;
        if (!TryDate(from, out var f) || !TryDate(to, out var t))
        {
            error = "Stats.Error.Dates";
            return null;
        }

        if (t < f || t.DayNumber - f.DayNumber + 1 > MaxDays)
        {
            error = "Stats.Error.Range";
            return null;
        }

        return new Period(f, t);
    }

    /// <summary>The day an instant falls on in WIB.</summary>
    public static DateOnly WibDate(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(Wib).DateTime);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"11–27 Oktober 2020", "28 September–4 Oktober 2020", "28 Desember 2020–3 Januari 2021", as a press release writes it.</summary>
    public string Describe(CultureInfo culture)
    {
        string Day(DateOnly d, string format) => d.ToString(format, culture);
        if (From == To)
        {
            return Day(From, "d MMMM yyyy");
        }

        var first = From.Year != To.Year ? Day(From, "d MMMM yyyy") : From.Month != To.Month ? Day(From, "d MMMM") : Day(From, "%d");
        return first + "–" + Day(To, "d MMMM yyyy");
    }

    private static bool TryDate(string? value, out DateOnly date) =>
        Dates.TryParseIso(value, out date)
        && date.Year is >= 2000 and <= 2100;
}
