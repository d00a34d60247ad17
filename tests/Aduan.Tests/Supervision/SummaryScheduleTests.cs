using Aduan.Sla;
using Aduan.Statistics;
using Aduan.Supervision;

namespace Aduan.Tests.Supervision;

/// <summary>Touches no database: runs once, not again on PostgreSQL (test.sh filters on this trait).</summary>
[Trait("Category", "NoDatabase")]
public sealed class SummaryScheduleTests
{
    private static readonly WorkingCalendar Calendar = new(WorkingCalendar.FindZone("Asia/Jakarta"), Holidays2026());
    private static readonly SummaryOptions Options = new();

    private static HashSet<DateOnly> Holidays2026() => File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "Seed", "holidays-id-2026.csv"))
        .Skip(1).Select(l => DateOnly.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();

    private static DateTimeOffset Wib(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.FromHours(7));

    private static Period Days(int y1, int m1, int d1, int y2, int m2, int d2) => new(new DateOnly(y1, m1, d1), new DateOnly(y2, m2, d2));

    private static DueSummary Weekly(DateTimeOffset now) => SummarySchedule.Due(now, Calendar, Options).Single(d => d.Kind == SummaryKind.Weekly);

    private static DueSummary Monthly(DateTimeOffset now) => SummarySchedule.Due(now, Calendar, Options).Single(d => d.Kind == SummaryKind.Monthly);

    [Fact]
    public void Weekly_MondayFromSevenWib_IsTheWeekMondayToSundayBefore()
    {
        Assert.Equal(Days(2026, 11, 23, 2026, 11, 29), Weekly(Wib(2026, 11, 30, 7)).Period);
        Assert.Equal(Days(2026, 11, 23, 2026, 11, 29), Weekly(Wib(2026, 12, 4, 15)).Period); // later that week: the same one
    }

    [Fact]
    public void Weekly_MondayBeforeSevenWib_IsStillTheWeekBeforeThat()
    {
        Assert.Equal(Days(2026, 11, 16, 2026, 11, 22), Weekly(Wib(2026, 11, 30, 6, 59)).Period);
    }

    [Fact]
    public void Weekly_SevenWibIsMidnightUtc_TheLocalDayDecides()
    {
        // Monday 00:30 UTC is 07:30 WIB: due. Sunday 23:30 UTC is Monday 06:30 WIB: not yet.
        Assert.Equal(Days(2026, 11, 23, 2026, 11, 29), Weekly(new DateTimeOffset(2026, 11, 30, 0, 30, 0, TimeSpan.Zero)).Period);
        Assert.Equal(Days(2026, 11, 16, 2026, 11, 22), Weekly(new DateTimeOffset(2026, 11, 29, 23, 30, 0, TimeSpan.Zero)).Period);
    }

    [Fact]
    public void Monthly_NewYearsDayIsAHoliday_GoesOutOnTheSecondFromSeven()
    {
        var december = Days(2025, 12, 1, 2025, 12, 31);
        var november = Days(2025, 11, 1, 2025, 11, 30);
        Assert.Equal(november, Monthly(Wib(2026, 1, 1, 10)).Period); // Thursday 1 January: Tahun Baru
        Assert.Equal(november, Monthly(Wib(2026, 1, 2, 6, 59)).Period);
        Assert.Equal(december, Monthly(Wib(2026, 1, 2, 7)).Period);
        Assert.Equal(december, Monthly(Wib(2026, 1, 20, 9)).Period);
    }

    [Fact]
    public void Monthly_MonthStartingOnSunday_GoesOutOnMonday()
    {
        Assert.Equal(Days(2026, 1, 1, 2026, 1, 31), Monthly(Wib(2026, 3, 1, 8)).Period);
        Assert.Equal(Days(2026, 2, 1, 2026, 2, 28), Monthly(Wib(2026, 3, 2, 7)).Period);
    }

    [Fact]
    public void Latest_AtAnyHour_IsTheLastCompletePeriod()
    {
        Assert.Equal(Days(2026, 11, 23, 2026, 11, 29), SummarySchedule.Latest(SummaryKind.Weekly, Wib(2026, 11, 30, 1), Calendar, Options).Period);
        Assert.Equal(Days(2026, 11, 1, 2026, 11, 30), SummarySchedule.Latest(SummaryKind.Monthly, Wib(2026, 12, 1, 1), Calendar, Options).Period);
    }

    [Fact]
    public void Key_NamesKindAndFirstDay()
    {
        Assert.Equal("weekly/2026-11-23", new DueSummary(SummaryKind.Weekly, Days(2026, 11, 23, 2026, 11, 29)).Key);
    }
}
