using System.Net;
using System.Net.Http.Json;
using Aduan.Complaints;
using Aduan.Identity;
using Aduan.Statistics;
using Aduan.Supervision;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Supervision;

/// <summary>
/// The dashboard's daily counts, kept as reports change, always equal the counts made anew from the reports:
/// after the hand-counted history and after a random walk of many reports through the lifecycle.
/// </summary>
public sealed class DailyCountsTests(SupervisionHistory history) : IClassFixture<SupervisionHistory>
{
    [Fact]
    public async Task Counts_AfterTheHandCountedHistory_EqualTheCountsMadeAnew()
    {
        var kept = await CountsAsync(history.Factory);
        Assert.Contains(kept, c => c.Key.Figure == DailyFigure.Reopened); // the history has a reopen, a rating, an import
        Assert.Contains(kept, c => c.Key.Figure == DailyFigure.Rating && c.Key.Value == 4);
        Assert.Contains(kept, c => c.Key.Figure == DailyFigure.Imported);

        AssertSame(kept, await RecountAsync(history.Factory));
    }

    [Theory]
    [InlineData(20261204)]
    [InlineData(7)]
    public async Task Counts_AfterARandomWalkThroughTheLifecycle_EqualTheCountsMadeAnew(int seed)
    {
        using var app = AduanFactory.With(("Aduan:AccessTokenLifetime", "1.00:00:00"));

        var done = await LifecycleWalk.RunAsync(app, seed);

        // The walk went through the moves that change counts: else this test would prove little.
        Assert.All(new[] { "dispatch", "verify", "follow-up", "forward", "reopen", "rated" }, a => Assert.True(done.GetValueOrDefault(a) > 0, $"no {a}: {string.Join(", ", done)}"));
        AssertSame(await CountsAsync(app), await RecountAsync(app));
    }

    [Fact]
    public void Buckets_AnyPeriod_CoverEachDayOnceWithAtMostTwoMonthsOfDays()
    {
        var random = new Random(42);
        for (var i = 0; i < 2000; i++)
        {
            var from = new DateOnly(2024, 1, 1).AddDays(random.Next(900));
            var period = new Period(from, from.AddDays(random.Next(i % 3 == 0 ? 40 : 800)));

            var buckets = SupervisionQueries.Buckets(period).ToList();
            var days = buckets.SelectMany(b => b.Span == CountSpan.Day
                ? Days(b.From, b.To)
                : Days(b.From, b.To.AddMonths(1).AddDays(-1))).ToList();

            Assert.Equal(Days(period.From, period.To), days);
            Assert.All(buckets.Where(b => b.Span == CountSpan.Month), b => Assert.Equal(1, b.From.Day));
            Assert.True(buckets.Where(b => b.Span == CountSpan.Day).Sum(b => b.To.DayNumber - b.From.DayNumber + 1) <= 62, $"{period}");
        }

        static List<DateOnly> Days(DateOnly from, DateOnly to) =>
            Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays).ToList();
    }

    /// <summary>Equal counts; else the keys that differ, kept and made anew, which a dictionary's own message hides.</summary>
    private static void AssertSame(Dictionary<DailyCounts.Key, int> kept, Dictionary<DailyCounts.Key, int> anew)
    {
        var differ = kept.Keys.Union(anew.Keys).Where(k => kept.GetValueOrDefault(k) != anew.GetValueOrDefault(k))
            .Select(k => $"{k}: kept {kept.GetValueOrDefault(k)}, anew {anew.GetValueOrDefault(k)}").ToList();
        Assert.True(differ.Count == 0, string.Join("\n", differ));
    }

    private static async Task<Dictionary<DailyCounts.Key, int>> CountsAsync(AduanFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Aduan.Data.AduanDbContext>();
        return (await db.DailyCounts.AsNoTracking().Where(c => c.Count != 0).ToListAsync())
            .ToDictionary(c => new DailyCounts.Key(c.Span, c.Day, c.AgencyId, c.Figure, c.Value), c => c.Count);
    }

    private static async Task<Dictionary<DailyCounts.Key, int>> RecountAsync(AduanFactory app)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DailyCountRebuild>().RunAsync(null, CancellationToken.None);
        }

        return await CountsAsync(app);
    }
}
