using Aduan.Statistics;

namespace Aduan.Pages.Staff.Dasbor;

/// <summary>The dashboard's period picker: this week (Monday to today), this month, last month, or a range of WIB dates.</summary>
public static class PeriodChoice
{
    public const string ThisWeek = "minggu-ini";
    public const string ThisMonth = "bulan-ini";
    public const string LastMonth = "bulan-lalu";
    public const string Range = "rentang";

    public static readonly IReadOnlyList<string> All = [ThisWeek, ThisMonth, LastMonth, Range];

    /// <summary>The preset's period on <paramref name="today"/>; null for <see cref="Range"/> or an unknown word.</summary>
    public static Period? Preset(string? choice, DateOnly today)
    {
        var month = new DateOnly(today.Year, today.Month, 1);
        return choice switch
        {
            ThisWeek => new Period(today.AddDays(-(((int)today.DayOfWeek + 6) % 7)), today),
            ThisMonth => new Period(month, today),
            LastMonth => new Period(month.AddMonths(-1), month.AddDays(-1)),
            _ => null,
        };
    }
}
