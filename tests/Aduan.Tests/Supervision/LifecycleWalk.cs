using System.Net;
using System.Net.Http.Json;
using Aduan.Complaints;
using Aduan.Identity;
using Aduan.Tests.Support;

namespace Aduan.Tests.Supervision;

/// <summary>
/// A random walk of up to 15 reports through the lifecycle, by the API, while the clock runs by hours: submitted in
/// several categories (or none), archived, dispatched, verified into a category, acknowledged, forwarded, followed up,
/// resolved, sent back, rated, rejected by the reporter and reopened. What the counts kept with the reports are checked
/// against (<see cref="DailyCountsTests"/>, <c>StatisticsFromCountsTests</c>).
/// </summary>
internal static class LifecycleWalk
{
    /// <summary>The moves made, by name, and how many of each succeeded.</summary>
    public static async Task<Dictionary<string, int>> RunAsync(AduanFactory app, int seed)
    {
        // Signed in for a day at a time (the longest access token the app must be given), while the clock runs by hours.
        var signedIn = new Dictionary<string, (HttpClient Client, DateTimeOffset At)>();
        var random = new Random(seed);
        var citizen = app.CreateClient();
        string[] agencies = ["DBMSDA", "DINKES", "DISDUKCAPIL"];
        string?[] categories = ["JALAN", "KESEHATAN", "SAMPAH", null];
        var reports = new List<SubmitComplaintResponse>();
        var done = new Dictionary<string, int>();
        for (var step = 0; step < 140; step++)
        {
            if (reports.Count < 15 && random.Next(3) == 0)
            {
                reports.Add(await citizen.SubmitAsync(TestApi.Report($"Laporan acak nomor {step}: saluran air di Jalan Kenari mampet lagi.",
                    category: categories[random.Next(categories.Length)])));
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
                "Submitted" => random.Next(4) switch
                {
                    0 => ("archive", await Act(manager, new { action = "archive", reason = "Tidak dapat diverifikasi." })),
                    1 => ("verify", await Act(manager, new { action = "verify", category = categories[random.Next(categories.Length - 1)] })),
                    _ => ("dispatch", await Act(manager, new { action = "dispatch", agency = agencies[random.Next(agencies.Length)] })),
                },
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

        return done;

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
}
