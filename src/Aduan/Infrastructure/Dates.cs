using System.Globalization;

namespace Aduan.Infrastructure;

/// <summary>
/// Dates as people type them (<c>yyyy-MM-dd</c>), only within what the city can mean: 1970 to 2199.
/// A year 1 or 9999 is refused like any other wrong date, instead of overflowing when it meets a time zone.
/// </summary>
public static class Dates
{
    public static readonly DateOnly Min = new(1970, 1, 1);
    public static readonly DateOnly Max = new(2199, 12, 31);

    public static bool TryParseIso(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && IsSupported(date);

    public static bool IsSupported(DateOnly date) => date >= Min && date <= Max;

    public static bool IsSupported(DateTimeOffset instant) => IsSupported(DateOnly.FromDateTime(instant.UtcDateTime));
}
