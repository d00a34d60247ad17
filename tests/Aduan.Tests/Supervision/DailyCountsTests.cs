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
        // Signed in for a day at a time (the longest access token), while the clock runs by hours.
        using var app = AduanFactory.With(("Aduan:AccessTokenLifetime", "1.00:00:00"));
        var signedIn = new Dictionary<string, (HttpClient Client, DateTimeOffset At)>();
        var random = new Random(seed);
        var citizen = app.CreateClient();
        string[] agencies = ["DBMSDA", "DINKES", "DISDUKCAPIL"];
        var reports = new List<SubmitComplaintResponse>();
        var done = new Dictionary<string, int>();
        for (var step = 0; step < 140; step++)
        {
            if (reports.Count < 15 && random.Next(3) == 0)
            {
                reports.Add(await citizen.SubmitAsync(TestApi.Report($"Laporan acak nomor {step}: saluran air di Jalan Kenari mampet lagi.")));
                continue;
            }

            if (reports.Count == 0)
            {
                continue;
            }

            app.Time.Advance(TimeSpan.FromHours(random.Next(1, 20)));
            var manager = await Staff(Roles.Manager, null);
            var report = reports[random.Next(reports.Count)];
            var view = (await manager.GetFromJsonAsync<StaffComplaintView>($"/api/v1/staff/complaints/{report.TrackingCode}", TestApi.Json))!;
            var (status, lead) = (view.Status, view.Agency?.Code);
            var (name, ok) = status switch
            {
                "Submitted" => random.Next(4) == 0
                    ? ("archive", await Act(manager, new { action = "archive", reason = "Tidak dapat diverifikasi." }))
                    : ("dispatch", await Act(manager, new { action = "dispatch", agency = agencies[random.Next(agencies.Length)] })),
                "Dispatched" or "InProgress" => random.Next(5) switch
                {
                    0 when status == "Dispatched" => ("acknowledge", await Act(await Officer(lead), new { action = "acknowledge" })),
                    1 => ("forward", await Act(await Officer(lead),
                        new { action = "forward", agency = agencies.First(a => a != lead), reason = "Bukan kewenangan kami." })),
                    _ => ("follow-up", await Act(await Officer(lead), new { action = "follow-up", text = "Sudah ditangani petugas.", final = true })),
                },
                "FollowedUp" => random.Next(4) switch
                {
                    0 => ("resolve", await Act(manager, new { action = "resolve" })),
                    1 => ("reject-follow-up", await Act(manager, new { action = "reject-follow-up", reason = "Foto bukti belum ada." })),
                    2 => ("rated", (await citizen.PostAsReporterAsync($"/api/v1/complaints/{report.TrackingCode}/feedback", report.ReporterKey,
                        new { accepted = true, rating = random.Next(1, 6) })).IsSuccessStatusCode),
                    _ => ("rejected", (await citizen.PostAsReporterAsync($"/api/v1/complaints/{report.TrackingCode}/feedback", report.ReporterKey,
                        new { accepted = false, comment = "Masih mampet." })).IsSuccessStatusCode),
                },
                _ => ("reopen", await Act(manager, new { action = "reopen", reason = "Warga melapor masalah muncul lagi." })),
            };
            done[name] = done.GetValueOrDefault(name) + (ok ? 1 : 0);

            async Task<bool> Act(HttpClient client, object body) => (await client.ActAsync(report.TrackingCode, body)).StatusCode == HttpStatusCode.OK;
        }

        // The walk went through the moves that change counts: else this test would prove little.
        Assert.All(new[] { "dispatch", "follow-up", "forward", "reopen", "rated" }, a => Assert.True(done.GetValueOrDefault(a) > 0, $"no {a}: {string.Join(", ", done)}"));
        AssertSame(await CountsAsync(app), await RecountAsync(app));

        Task<HttpClient> Officer(string? agency) => Staff(Roles.AgencyOfficer, agency ?? "DBMSDA");

        async Task<HttpClient> Staff(string role, string? agency)
        {
            var key = role + agency;
            if (!signedIn.TryGetValue(key, out var s) || app.Time.GetUtcNow() - s.At > TimeSpan.FromHours(3))
            {
                signedIn[key] = s = (await app.StaffClientAsync(role, agency), app.Time.GetUtcNow());
            }

            return s.Client;
        }
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
