using Aduan.Sla;

namespace Aduan.Tests.Sla;

/// <summary>Touches no database: runs once, not again on PostgreSQL (test.sh filters on this trait).</summary>
[Trait("Category", "NoDatabase")]
public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = new(WorkingCalendar.FindZone("Asia/Jakarta"), Holidays2026());

    /// <summary>The shipped seed file, so the tests hold the real 2026 calendar.</summary>
    private static HashSet<DateOnly> Holidays2026() => File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "Seed", "holidays-id-2026.csv"))
        .Skip(1).Select(l => DateOnly.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();

    private static DateTimeOffset Wib(int y, int m, int d, int h, int min = 0, int s = 0) => new(y, m, d, h, min, s, TimeSpan.FromHours(7));

    [Fact]
    public void AddWorkingDays_OrdinaryWeek_EndsAtMidnightAfterThirdDay()
    {
        // Tuesday 10:00 WIB + 3 working days: Wed, Thu, Fri; due at Saturday 00:00 WIB.
        Assert.Equal(Wib(2026, 6, 6, 0), Calendar.AddWorkingDays(Wib(2026, 6, 2, 10), 3));
    }

    [Fact]
    public void AddWorkingDays_OverWeekend_SkipsSaturdayAndSunday()
    {
        Assert.Equal(Wib(2026, 6, 11, 0), Calendar.AddWorkingDays(Wib(2026, 6, 5, 16), 3)); // Fri -> Mon, Tue, Wed
    }

    [Fact]
    public void AddWorkingDays_IdulAdhaAndPancasila_SkipsHolidaysAndCutiBersama()
    {
        // Tue 26 May: 27 May Idul Adha, 28 May cuti bersama, 29 May Fri works, 31 May Waisak (Sun), 1 June Pancasila.
        Assert.Equal(Wib(2026, 6, 4, 0), Calendar.AddWorkingDays(Wib(2026, 5, 26, 9), 3)); // Fri 29, Tue 2, Wed 3
    }

    [Fact]
    public void AddWorkingDays_Lebaran2026_SkipsTheWholeBreak()
    {
        // 18-24 March 2026 are all non-working (Nyepi, Idul Fitri and their cuti bersama, a weekend).
        Assert.Equal(Wib(2026, 3, 28, 0), Calendar.AddWorkingDays(Wib(2026, 3, 17, 9), 3)); // Wed 25, Thu 26, Fri 27
    }

    [Fact]
    public void AddWorkingDays_OneSecondBeforeWibMidnight_CountsFromThatDay()
    {
        var thursdayLate = new DateTimeOffset(2026, 6, 4, 16, 59, 59, TimeSpan.Zero); // Thu 23:59:59 WIB

        Assert.Equal(Wib(2026, 6, 6, 0), Calendar.AddWorkingDays(thursdayLate, 1)); // Friday
    }

    [Fact]
    public void AddWorkingDays_AtWibMidnight_CountsFromTheNewDay()
    {
        var fridayMidnight = new DateTimeOffset(2026, 6, 4, 17, 0, 0, TimeSpan.Zero); // Fri 00:00 WIB, still Thursday in UTC

        Assert.Equal(Wib(2026, 6, 9, 0), Calendar.AddWorkingDays(fridayMidnight, 1)); // Monday
    }

    [Fact]
    public void AddWorkingDays_ReturnsUtcInstant()
    {
        var due = Calendar.AddWorkingDays(Wib(2026, 6, 2, 10), 3);

        Assert.Equal(TimeSpan.Zero, due.Offset);
        Assert.Equal(new DateTimeOffset(2026, 6, 5, 17, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void AddCalendarDays_SixtyDays_CountsHolidaysToo()
    {
        Assert.Equal(Wib(2026, 5, 17, 0), Calendar.AddCalendarDays(Wib(2026, 3, 17, 9), 60)); // 16 May is day 60
    }

    [Theory]
    [InlineData("2026-08-17", false)] // Independence Day
    [InlineData("2026-12-24", false)] // cuti bersama
    [InlineData("2026-06-06", false)] // Saturday
    [InlineData("2026-06-08", true)]
    public void IsWorkingDay_KnownDates_MatchesCalendar(string date, bool expected)
    {
        Assert.Equal(expected, Calendar.IsWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void WorkingDaysBetween_AcrossHoliday_CountsOnlyWorkingDays()
    {
        Assert.Equal(2, Calendar.WorkingDaysBetween(Wib(2026, 8, 14, 9), Wib(2026, 8, 19, 9))); // 17 Aug is a holiday: 18, 19
    }
}
