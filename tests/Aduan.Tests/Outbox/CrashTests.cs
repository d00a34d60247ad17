using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Aduan.Complaints;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Outbox;

/// <summary>
/// The promise that an acknowledged report is never lost: the app under concurrent intake is
/// killed with SIGKILL and restarted; every report whose 201 came back is there with a valid
/// event chain, no Idempotency-Key has two reports, and webhooks pending at the kill go out after.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private readonly AduanFactory _database = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("aduan-crash-").FullName;

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task KillDuringIntake_LosesNothingAcknowledgedAndDuplicatesNothing()
    {
        var manager = await _database.CreateUserAsync("Manager");
        var officer = await _database.CreateUserAsync("AgencyOfficer", "DBMSDA");
        var admin = await _database.CreateUserAsync("Admin");
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailTimes = int.MaxValue; // the agency's website is down until after the crash
        var env = new Dictionary<string, string>(_database.ProcessEnvironment)
        {
            [WebhookReceiver.AllowedHostVariable] = WebhookReceiver.AllowedHostSetting.Value!,
            ["Aduan__IntakePerMinute"] = "1000000",
            ["Aduan__LoginPerMinute"] = "100000",
            ["Aduan__Outbox__PollInterval"] = "00:00:00.200",
            ["Aduan__Outbox__BaseDelay"] = "00:00:00.300",
            ["Aduan__Outbox__MaxDelay"] = "00:00:01",
            ["Aduan__Outbox__MaxAttempts"] = "100", // down for the whole test: must not dead-letter before the website is back
            ["Aduan__Outbox__Lease"] = "00:00:05", // claims held by the killed instance expire after this
        };

        var first = await AppServer.StartAsync(_dir, env);
        var followedUp = await FollowUpsPendingAsync(first, admin, manager, officer, receiver.Url, count: 5);

        // Concurrent intake, each request with its own Idempotency-Key; the process dies in the middle of it.
        var acknowledged = new ConcurrentDictionary<string, string>();
        var attempted = new ConcurrentDictionary<string, object>();
        using var stop = new CancellationTokenSource();
        using var intake = new HttpClient { BaseAddress = first.Client.BaseAddress };
        var clients = Enumerable.Range(0, 8).Select(n => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var key = $"crash-{n}-{i}";
                var body = TestApi.Report(text: $"Laporan uji ketahanan {key}: saluran air tersumbat di RT 0{n}.");
                attempted[key] = body;
                try
                {
                    var response = await PostAsync(intake, key, body);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        acknowledged[key] = (await response.Content.ReadFromJsonAsync<SubmitComplaintResponse>(TestApi.Json))!.TrackingCode;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    // the server died under this request: its outcome is unknown to the client
                }
            }
        })).ToList();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (acknowledged.Count < 40 && DateTime.UtcNow < deadline && clients.All(c => !c.IsFaulted))
        {
            await Task.Delay(50);
        }

        Assert.True(acknowledged.Count >= 40, $"Intake did not acknowledge 40 reports within 60 s (got {acknowledged.Count}).");

        await first.DisposeAsync(); // SIGKILL, mid-intake
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        await using var second = await AppServer.StartAsync(_dir, env);

        // Every acknowledged report is there, as acknowledged.
        foreach (var (key, code) in acknowledged)
        {
            Assert.Equal(HttpStatusCode.OK, (await second.Client.GetAsync($"/api/v1/complaints/{code}")).StatusCode);
        }

        // Each client retries what it did not hear back about: every key ends with exactly one report.
        foreach (var (key, body) in attempted)
        {
            var retry = await PostAsync(second.Client, key, body);
            Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
            var code = (await retry.Content.ReadFromJsonAsync<SubmitComplaintResponse>(TestApi.Json))!.TrackingCode;
            if (acknowledged.TryGetValue(key, out var before))
            {
                Assert.Equal(before, code);
            }
        }

        var reports = await _database.WithDbAsync(db => db.Complaints.CountAsync());
        Assert.Equal(followedUp.Count + attempted.Count, reports);

        // Every chain is intact.
        var audit = await AppProcess.RunAsync(_dir, null, env, "audit", "verify");
        Assert.True(audit.ExitCode == 0, audit.Output + audit.Error);

        // The follow-ups queued before the crash reach the website once it is back.
        receiver.FailTimes = 0;
        for (var i = 0; i < 300 && receiver.Requests.Count < followedUp.Count; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(followedUp.Order(), receiver.Requests.Select(r => r.IdempotencyKey!.Split('/')[1]).Order());
    }

    private static async Task<List<string>> FollowUpsPendingAsync(AppServer server, string admin, string manager, string officer, string url, int count)
    {
        var adminClient = await SignedInAsync(server, admin);
        (await adminClient.PutAsJsonAsync("/api/v1/admin/agencies/DBMSDA/webhook", new { url, secret = "rahasia-uji-ketahanan-2026" })).EnsureSuccessStatusCode();
        var managerClient = await SignedInAsync(server, manager);
        var officerClient = await SignedInAsync(server, officer);
        var codes = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var created = await server.Client.SubmitAsync();
            await managerClient.ActOkAsync(created.TrackingCode, new { action = "dispatch" });
            await officerClient.ActOkAsync(created.TrackingCode, new { action = "follow-up", text = "Selesai.", final = true });
            codes.Add(created.TrackingCode);
        }

        return codes;
    }

    private static async Task<HttpClient> SignedInAsync(AppServer server, string user)
    {
        var client = new HttpClient { BaseAddress = server.Client.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", await AduanFactory.LoginAsync(client, user));
        return client;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/complaints") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}
