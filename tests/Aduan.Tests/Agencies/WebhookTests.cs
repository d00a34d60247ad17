using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aduan.Agencies;
using Aduan.Complaints;
using Aduan.Outbox;
using Aduan.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Agencies;

/// <summary>Agency webhooks through the outbox, with the dispatcher driven by hand under the fake clock.</summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private const string Secret = "rahasia-dinas-bina-marga-2026";
    private readonly AduanFactory _factory = AduanFactory.With(WebhookReceiver.AllowedHostSetting);
    private WebhookReceiver _receiver = null!;
    private HttpClient _admin = null!;
    private HttpClient _manager = null!;
    private HttpClient _officer = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _admin = await _factory.StaffClientAsync("Admin");
        _manager = await _factory.StaffClientAsync("Manager");
        _officer = await _factory.StaffClientAsync("AgencyOfficer", "DBMSDA");
        var set = await _admin.PutAsJsonAsync("/api/v1/admin/agencies/DBMSDA/webhook", new { url = _receiver.Url, secret = Secret });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        _factory.Dispose();
    }

    private Task<int> DispatchAsync() => _factory.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);

    private async Task<string> FollowedUpAsync(string text = "Lubang sudah ditambal oleh tim UPTD.", string privacy = "Public")
    {
        // No contact: the reporter's own notifications would share the outbox with the webhook.
        var created = await _factory.CreateClient().SubmitAsync(TestApi.Report(privacy: privacy, reporter: new { name = "Siti Aminah" }));
        await _manager.ActOkAsync(created.TrackingCode, new { action = "dispatch" });
        await _officer.ActOkAsync(created.TrackingCode, new { action = "follow-up", text, final = true });
        return created.TrackingCode;
    }

    [Fact]
    public async Task FollowUp_WithWebhook_PostsSignedMaskedJsonWithIdempotencyKey()
    {
        var code = await FollowedUpAsync("Ditambal; info lanjut hubungi 0812-3456-7890.");

        Assert.Equal(1, await DispatchAsync());

        var received = Assert.Single(_receiver.Requests);
        Assert.True(received.SignedWith(Secret));
        Assert.False(received.SignedWith("rahasia-yang-salah-sekali"));
        Assert.StartsWith($"follow-up/{code}/", received.IdempotencyKey, StringComparison.Ordinal);
        var body = JsonSerializer.Deserialize<FollowUpWebhook>(received.Body, JsonSerializerOptions.Web)!;
        Assert.Equal(code, body.TrackingCode);
        Assert.Equal("DBMSDA", body.Agency.Code);
        Assert.True(body.Final);
        Assert.Equal("Ditambal; info lanjut hubungi [telepon].", body.Text);
        Assert.Equal(0, await DispatchAsync()); // delivered: nothing left
    }

    [Fact]
    public async Task FollowUps_EachGetTheirOwnKey()
    {
        var created = await _factory.CreateClient().SubmitAsync();
        await _manager.ActOkAsync(created.TrackingCode, new { action = "dispatch" });
        await _officer.ActOkAsync(created.TrackingCode, new { action = "follow-up", text = "Survei lokasi.", final = false });
        await _officer.ActOkAsync(created.TrackingCode, new { action = "follow-up", text = "Selesai ditambal.", final = true });

        await DispatchAsync();

        Assert.Equal(2, _receiver.Requests.Select(r => r.IdempotencyKey).Distinct().Count());
    }

    [Fact]
    public async Task ConfidentialReport_IsNeverSentToTheWebsite()
    {
        await FollowedUpAsync(privacy: "Confidential");

        Assert.Equal(0, await DispatchAsync());
        Assert.Equal(0, await _factory.WithDbAsync(db => db.OutboxMessages.CountAsync()));
    }

    [Fact]
    public async Task ReceiverDown_RetriesWithBackoffThenDelivers()
    {
        _receiver.FailTimes = 2;
        var code = await FollowedUpAsync();

        await DispatchAsync(); // 503
        var afterFirst = await MessageAsync(code);
        Assert.Equal((OutboxStatus.Pending, 1), (afterFirst.Status, afterFirst.Attempts));
        Assert.True(afterFirst.NextAttemptAt > _factory.Time.GetUtcNow());
        Assert.Equal(0, await DispatchAsync()); // not due yet

        _factory.Time.Advance(TimeSpan.FromSeconds(13)); // first retry after 10 s ± 20%
        await DispatchAsync(); // 503 again
        var afterSecond = await MessageAsync(code);
        Assert.True(afterSecond.NextAttemptAt - _factory.Time.GetUtcNow() >= TimeSpan.FromSeconds(16)); // doubled: 20 s ± 20%

        _factory.Time.Advance(TimeSpan.FromSeconds(25));
        await DispatchAsync();

        var delivered = await MessageAsync(code);
        Assert.Equal((OutboxStatus.Delivered, 3), (delivered.Status, delivered.Attempts));
        Assert.Single(_receiver.Requests);
    }

    [Fact]
    public async Task ReceiverDown_RecordsAGenericTextNotTheConnectionError()
    {
        await _receiver.DownAsync();
        var code = await FollowedUpAsync();

        await DispatchAsync();

        var message = await MessageAsync(code);
        Assert.Equal((OutboxStatus.Pending, AgencyWebhooks.Unreachable), (message.Status, message.LastError));
    }

    [Fact]
    public async Task ReceiverRefuses_DeadLettersAndAdminCanRetryOrDiscard()
    {
        _receiver.FailTimes = 1;
        _receiver.FailStatus = StatusCodes.Status400BadRequest;
        var code = await FollowedUpAsync();
        await DispatchAsync();

        var dead = await _admin.GetFromJsonAsync<PagedList<OutboxMessageView>>("/api/v1/admin/outbox?status=Dead", TestApi.Json);
        var message = Assert.Single(dead!.Items);
        Assert.Equal("HTTP 400", message.LastError);

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.PostAsync($"/api/v1/admin/outbox/{message.Id}/retry", null)).StatusCode);
        await DispatchAsync();
        Assert.Equal(OutboxStatus.Delivered, (await MessageAsync(code)).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.PostAsync($"/api/v1/admin/outbox/{message.Id}/discard", null)).StatusCode);
        Assert.True(await _factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "outbox.retry")));
    }

    [Fact]
    public async Task MadeConfidentialWhileQueued_IsNotPublished()
    {
        _receiver.FailTimes = 1;
        var code = await FollowedUpAsync();
        await DispatchAsync(); // the website is down: the follow-up waits
        await _manager.ActOkAsync(code, new { action = "classify", privacy = "Confidential" });
        _factory.Time.Advance(TimeSpan.FromMinutes(1));

        await DispatchAsync();

        var message = await MessageAsync(code);
        Assert.Equal(OutboxStatus.Dead, message.Status);
        Assert.Contains("confidential", message.LastError, StringComparison.Ordinal);
        Assert.Empty(_receiver.Requests);
    }

    [Fact]
    public async Task ClaimOfADeadInstance_ExpiresAndTheMessageIsDelivered()
    {
        var code = await FollowedUpAsync();
        var now = _factory.Time.GetUtcNow();
        var lease = TimeSpan.FromMinutes(2);
        var ghost = await _factory.WithDbAsync(db => Aduan.Data.OutboxClaims.ClaimAsync(db, "crashed-instance", now, now + lease, 10, CancellationToken.None));
        Assert.Single(ghost);

        Assert.Equal(0, await DispatchAsync()); // still claimed by the instance that died
        _factory.Time.Advance(lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await DispatchAsync());

        Assert.Equal(OutboxStatus.Delivered, (await MessageAsync(code)).Status);
        Assert.Single(_receiver.Requests);
    }

    [Fact]
    public async Task MaxAttempts_ThenDead()
    {
        _receiver.FailTimes = 1000;
        var code = await FollowedUpAsync();

        for (var i = 0; i < 12; i++)
        {
            await DispatchAsync();
            _factory.Time.Advance(TimeSpan.FromHours(2)); // past any backoff
        }

        var message = await MessageAsync(code);
        Assert.Equal((OutboxStatus.Dead, 12), (message.Status, message.Attempts));
    }

    [Fact]
    public async Task Discard_PendingMessage_IsNotDelivered()
    {
        _receiver.FailTimes = 1;
        var code = await FollowedUpAsync();
        await DispatchAsync();
        var id = (await MessageAsync(code)).Id;

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.PostAsync($"/api/v1/admin/outbox/{id}/discard", null)).StatusCode);
        _factory.Time.Advance(TimeSpan.FromHours(2));

        Assert.Equal(0, await DispatchAsync());
        Assert.Empty(_receiver.Requests);
    }

    [Theory]
    [InlineData("""{"url":"ftp://x.example/a","secret":"cukup-panjang-rahasia"}""", "url")]
    [InlineData("""{"url":"bukan url","secret":"cukup-panjang-rahasia"}""", "url")]
    [InlineData("""{"url":"https://dinkes.example/hook","secret":"pendek"}""", "secret")]
    public async Task SetWebhook_BadInput_Returns400(string json, string field)
    {
        var response = await _admin.PutAsync("/api/v1/admin/agencies/DINKES/webhook", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.True((await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task GetWebhook_NeverShowsTheSecret_AndNonAdminsAreRefused()
    {
        var raw = await _admin.GetStringAsync("/api/v1/admin/agencies/DBMSDA/webhook");

        Assert.Contains(_receiver.Url, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, await _factory.WithDbAsync(db => db.Agencies.Where(a => a.Code == "DBMSDA").Select(a => a.WebhookSecret).SingleAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await _manager.GetAsync("/api/v1/admin/agencies/DBMSDA/webhook")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _manager.GetAsync("/api/v1/admin/outbox")).StatusCode);
    }

    [Fact]
    public void Backoff_DoublesWithJitterUpToTheCap()
    {
        var o = new OutboxOptions { BaseDelay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromMinutes(5) };

        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var expected = Math.Min(10 * Math.Pow(2, attempt - 1), 300);
            var delay = OutboxDispatcher.Backoff(attempt, o).TotalSeconds;
            Assert.InRange(delay, expected * 0.8, expected * 1.2);
        }
    }

    private Task<OutboxMessage> MessageAsync(string code) =>
        _factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.IdempotencyKey.StartsWith("follow-up/" + code)));
}
