using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Aduan.Agencies;
using Aduan.Complaints;
using Aduan.Tests.Support;

namespace Aduan.Tests.Outbox;

/// <summary>
/// Two app processes on one database (PostgreSQL in the PostgreSQL run, one SQLite file in the
/// other), with their dispatchers running in real time: no duplicate tracking codes, a token from
/// one accepted by the other, and every follow-up delivered once per key to a website that is down
/// for a while.
/// </summary>
public sealed class MultiInstanceTests : IDisposable
{
    private const string Secret = "rahasia-situs-dbmsda-2026";
    private readonly AduanFactory _database = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("aduan-multi-").FullName;

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task TwoInstances_ShareCodesTokensAndDeliverEachWebhookOnce()
    {
        // The database is created, migrated and seeded by the test host; its clock is fake, so tokens come from the real servers.
        var admin = await _database.CreateUserAsync("Admin");
        var manager = await _database.CreateUserAsync("Manager");
        var officer = await _database.CreateUserAsync("AgencyOfficer", "DBMSDA");
        await using var receiver = await WebhookReceiver.StartAsync();
        var env = new Dictionary<string, string>(_database.ProcessEnvironment)
        {
            [WebhookReceiver.AllowedHostVariable] = WebhookReceiver.AllowedHostSetting.Value!,
            ["Aduan__IntakePerMinute"] = "100000",
            ["Aduan__LoginPerMinute"] = "100000",
            ["Aduan__Outbox__PollInterval"] = "00:00:00.200",
            ["Aduan__Outbox__BaseDelay"] = "00:00:00.500",
            ["Aduan__Outbox__MaxDelay"] = "00:00:02",
            ["Aduan__Outbox__MaxAttempts"] = "100",
        };

        await using var one = await AppServer.StartAsync(_dir, env);
        var adminToken = await AduanFactory.LoginAsync(one.Client, admin);
        var managerToken = await AduanFactory.LoginAsync(one.Client, manager);
        var officerToken = await AduanFactory.LoginAsync(one.Client, officer);
        await using var two = await AppServer.StartAsync(_dir, env);
        var servers = new[] { one, two };

        using var setWebhook = new HttpRequestMessage(HttpMethod.Put, "/api/v1/admin/agencies/DBMSDA/webhook")
        {
            Content = JsonContent.Create(new { url = receiver.Url, secret = Secret }),
        };
        setWebhook.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        Assert.Equal(HttpStatusCode.OK, (await two.Client.SendAsync(setWebhook)).StatusCode); // a token from one, used on two

        var codes = new List<string>();
        async Task FollowUpManyAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var (a, b) = (servers[i % 2], servers[(i + 1) % 2]);
                var response = await a.Client.PostAsJsonAsync("/api/v1/complaints", TestApi.Report(text: $"Jalan berlubang nomor {codes.Count + 1} di Bekasi Timur."));
                var code = (await response.Content.ReadFromJsonAsync<SubmitComplaintResponse>(TestApi.Json))!.TrackingCode;
                codes.Add(code);
                await ActAsync(b, managerToken, code, new { action = "dispatch" });
                await ActAsync(a, officerToken, code, new { action = "follow-up", text = "Sudah ditambal.", final = true });
            }
        }

        await FollowUpManyAsync(10);
        await WaitForAsync(() => receiver.Requests.Count >= 10);

        await receiver.DownAsync();
        await FollowUpManyAsync(10); // the website is down: these wait and retry
        await Task.Delay(TimeSpan.FromSeconds(3));
        await receiver.UpAsync();
        await WaitForAsync(() => receiver.Requests.Count >= 20);
        await Task.Delay(TimeSpan.FromSeconds(2)); // time for a duplicate to show, if there were one

        Assert.Equal(20, codes.Distinct().Count());
        var keys = receiver.Requests.Select(r => r.IdempotencyKey).ToList();
        Assert.Equal(20, keys.Count);
        Assert.Equal(20, keys.Distinct().Count());
        Assert.All(codes, code => Assert.Contains(keys, k => k!.StartsWith($"follow-up/{code}/", StringComparison.Ordinal)));
        Assert.All(receiver.Requests, r => Assert.True(r.SignedWith(Secret)));
    }

    private static async Task ActAsync(AppServer server, string token, string code, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/staff/complaints/{code}/transitions") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await server.Client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition(), "Timed out after 30 s.");
    }
}
