using System.Text.Json;
using Aduan.Agencies;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Identity;
using Aduan.Statistics;
using Aduan.Tests.Importing;
using Aduan.Tests.Supervision;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Statistics;

/// <summary>
/// The public statistics, summed from the daily counts kept with the reports, equal the reports counted live (the
/// GROUP BYs the statistics ran before the counts, kept here as the reference), for random periods over a random walk
/// of reports through the lifecycle and a few imported ones, with a deadline falling on the last day, passed by then.
/// </summary>
public sealed class StatisticsFromCountsTests
{
    [Theory]
    [InlineData(20261206)]
    [InlineData(3)]
    public async Task Statistics_AfterARandomWalk_EqualTheReportsCountedLive(int seed)
    {
        using var app = AduanFactory.With(("Aduan:AccessTokenLifetime", "1.00:00:00"), ("Aduan:Statistics:CacheDuration", "00:00:00"));
        var imported = await new PastReportsCsv()
            .Resolved(new DateTime(2026, 5, 28, 9, 0, 0, DateTimeKind.Unspecified), "DINKES")
            .Resolved(new DateTime(2026, 5, 30, 0, 30, 0, DateTimeKind.Unspecified), "DLH", "SAMPAH", "Sms")
            .Row("01/06/2026 10:00", "CallCenter", "JALAN", "DBMSDA", "Dispatched", "01/06/2026 11:00")
            .ImportAsync(app);
        Assert.True(imported.Saved, string.Join("; ", imported.Rejected.Select(r => r.Reasons)));
        var done = await LifecycleWalk.RunAsync(app, seed);
        Assert.All(new[] { "verify", "follow-up", "resolve", "forward" }, a => Assert.True(done.GetValueOrDefault(a) > 0, $"no {a}"));

        // One more report dispatched: a deadline still ahead, checked before it falls and again a minute after it passed,
        // when it falls today and only the live part counts it.
        var last = await app.CreateClient().SubmitAsync(TestApi.Report("Lampu lalu lintas di simpang Pekayon mati sejak pagi."));
        await (await app.StaffClientAsync(Roles.Manager, null)).ActOkAsync(last.TrackingCode, new { action = "dispatch", agency = "DISHUB" });
        await AssertAsLiveAsync(app, seed);

        var pending = await app.WithDbAsync(db => db.Complaints.Where(c => c.LeadAgencyId != null && c.FollowedUpAt == null
            && c.ResolvedAt == null && c.ResolutionDueAt != null).Select(c => c.ResolutionDueAt!.Value).ToListAsync());
        Assert.Contains(pending, due => due > app.Time.GetUtcNow());
        app.Time.Advance(pending.Max() + TimeSpan.FromMinutes(1) - app.Time.GetUtcNow());
        await AssertAsLiveAsync(app, seed);
    }

    /// <summary>Every statistic of random periods (and the whole time, today, June) equals the reports counted live.</summary>
    private static async Task AssertAsLiveAsync(AduanFactory app, int seed)
    {
        var random = new Random(seed);
        var (first, today) = (new DateOnly(2026, 5, 20), Period.WibDate(app.Time.GetUtcNow()));
        List<Period> periods = [new(first, today.AddDays(3)), new(today, today), new(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30))];
        for (var i = 0; i < 25; i++)
        {
            var from = first.AddDays(random.Next(20)); // the walk's reports come in in its first days
            periods.Add(new Period(from, from.AddDays(random.Next(i % 2 == 0 ? 5 : 90))));
        }

        await using var scope = app.Services.CreateAsyncScope();
        var stats = scope.ServiceProvider.GetRequiredService<StatisticsQueries>();
        var live = new LiveCounts(scope.ServiceProvider.GetRequiredService<AduanDbContext>(),
            scope.ServiceProvider.GetRequiredService<AgencyDirectory>(), app.Time);
        var nonEmpty = 0;
        foreach (var p in periods)
        {
            var expected = await live.PeriodAsync(p);
            nonEmpty += expected.Received > 0 ? 1 : 0;
            Assert.Equal(Json(expected), Json(await stats.PeriodAsync(p, default)));
            Assert.Equal(Json((await live.ByStatusAsync(p)).OrderBy(s => s.Key)), Json((await stats.ByStatusAsync(p, default)).OrderBy(s => s.Key)));
            Assert.Equal(Json(await live.TimelineAsync(p)), Json((await stats.TimelineAsync(p, default)).Select(t => (t.Bucket, t.Received))));
            Assert.Equal(Json(await live.DeadlinesAsync(p)), Json(await stats.DeadlinesAsync(p, default)));
        }

        Assert.True(nonEmpty > periods.Count / 2, $"{nonEmpty} of {periods.Count} periods had reports");
        var whole = await live.DeadlinesAsync(periods[0]);
        Assert.True(whole.Sum(d => d.Decided) > whole.Sum(d => d.OnTime), "no report was late or past its deadline: the deadlines proved little");
    }

    private static readonly JsonSerializerOptions WithFields = new() { IncludeFields = true };

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, WithFields);

    /// <summary>The statistics as they were counted before the daily counts: GROUP BYs over the reports of the period.</summary>
    private sealed class LiveCounts(AduanDbContext db, AgencyDirectory agencies, TimeProvider time)
    {
        private IQueryable<Complaint> Received(Period p) =>
            db.Complaints.AsNoTracking().Where(c => c.SubmittedAt >= p.Start && c.SubmittedAt < p.End);

        public async Task<PeriodNumbers> PeriodAsync(Period p)
        {
            var received = Received(p);
            var byAgency = await received.GroupBy(c => c.LeadAgencyId)
                .Select(g => new { g.Key, Received = g.Count(), FollowedUp = g.Count(c => c.FollowedUpAt != null) }).ToListAsync();
            var byCategory = await received.GroupBy(c => c.CategoryId)
                .Select(g => new { g.Key, Received = g.Count(), FollowedUp = g.Count(c => c.FollowedUpAt != null) }).ToListAsync();
            var byChannel = await received.GroupBy(c => c.Channel)
                .Select(g => new { g.Key, Received = g.Count(), FollowedUp = g.Count(c => c.FollowedUpAt != null) }).ToListAsync();
            var names = await agencies.GetAsync(default);
            var categories = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.Code, c.Name }).ToDictionaryAsync(c => c.Id);
            return new PeriodNumbers(p, byAgency.Sum(a => a.Received), byAgency.Sum(a => a.FollowedUp),
                byAgency.Where(a => a.Key is null).Sum(a => a.Received),
                Ranked(byAgency.Where(a => a.Key is { } id && names.ContainsKey(id))
                    .Select(a => new Count(names[a.Key!.Value].Code, names[a.Key.Value].Name, a.Received, a.FollowedUp))),
                Ranked(byCategory.Select(c => c.Key is { } id && categories.TryGetValue(id, out var cat)
                    ? new Count(cat.Code, cat.Name, c.Received, c.FollowedUp)
                    : new Count("", "", c.Received, c.FollowedUp))),
                Ranked(byChannel.Select(c => new Count(c.Key.ToString(), c.Key.ToString(), c.Received, c.FollowedUp))));
        }

        private static List<Count> Ranked(IEnumerable<Count> counts) =>
            counts.OrderByDescending(c => c.FollowedUp).ThenByDescending(c => c.Received).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();

        public async Task<Dictionary<ComplaintStatus, int>> ByStatusAsync(Period p) =>
            await Received(p).GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);

        public async Task<List<(Period Bucket, int Received)>> TimelineAsync(Period p)
        {
            var result = new List<(Period, int)>();
            for (var day = p.From; day <= p.To;)
            {
                var last = p.Days <= 62 ? day : new DateOnly(day.Year, day.Month, 1).AddMonths(1).AddDays(-1);
                var bucket = new Period(day, last < p.To ? last : p.To);
                result.Add((bucket, await Received(bucket).CountAsync()));
                day = last.AddDays(1);
            }

            return result;
        }

        public async Task<List<DeadlineShare>> DeadlinesAsync(Period p)
        {
            var now = time.GetUtcNow();
            var rows = await Received(p).Where(c => c.LeadAgencyId != null && c.ResolutionDueAt != null)
                .GroupBy(c => c.LeadAgencyId)
                .Select(g => new
                {
                    g.Key,
                    Dispatched = g.Count(),
                    Decided = g.Count(c => c.FollowedUpAt != null || c.ResolvedAt != null || c.ResolutionDueAt < now),
                    OnTime = g.Count(c => (c.FollowedUpAt ?? c.ResolvedAt) <= c.ResolutionDueAt),
                }).ToListAsync();
            var names = await agencies.GetAsync(default);
            return rows.Where(r => names.ContainsKey(r.Key!.Value))
                .Select(r => new DeadlineShare(names[r.Key!.Value].Code, names[r.Key.Value].Name, r.Dispatched, r.Decided, r.OnTime))
                .OrderByDescending(r => r.Share ?? -1).ThenByDescending(r => r.Decided).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        }
    }
}
