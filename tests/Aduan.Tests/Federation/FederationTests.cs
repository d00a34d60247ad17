using System.Net.Http.Json;
using Aduan.Complaints;
using Aduan.Federation;
using Aduan.Identity;
using Aduan.Outbox;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Federation;

/// <summary>
/// Two Aduan instances, a provincial hub and a city, each with its own database, speaking Open311 to
/// each other on loopback ports; their outboxes and the hub's poll run by hand under fake clocks.
/// </summary>
public sealed class FederationTests : IAsyncLifetime
{
    private const string FollowUpText = "Lubang sudah ditambal oleh tim UPTD Jalan Wilayah II.";
    private readonly int _hubPort = AppServer.FreePort();
    private readonly int _cityPort = AppServer.FreePort();
    private AduanFactory _hub = null!;
    private AduanFactory _city = null!;

    public async Task InitializeAsync()
    {
        _hub = FederationSetup.Hub(_hubPort, _cityPort);
        _city = FederationSetup.City(_hubPort, _cityPort);
        _hub.Listen(_hubPort);
        _city.Listen(_cityPort);
        await FederationSetup.AddKeyAsync(_hub, FederationSetup.CityName, FederationSetup.HubKeyForCity);
        await FederationSetup.AddKeyAsync(_city, "jabar-hub", FederationSetup.CityKeyForHub);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _city.DisposeAsync();
    }

    private async Task<string> DispatchOnHubAsync()
    {
        using var citizen = _hub.CreateClient();
        var created = await citizen.SubmitAsync();
        using var manager = await _hub.StaffClientAsync(Roles.Manager);
        await manager.ActOkAsync(created.TrackingCode, new { action = "dispatch" });
        return created.TrackingCode;
    }

    private async Task FollowUpOnCityAsync(string cityCode)
    {
        using var manager = await _city.StaffClientAsync(Roles.Manager);
        await manager.ActOkAsync(cityCode, new { action = "dispatch" });
        using var officer = await _city.StaffClientAsync(Roles.AgencyOfficer, "DBMSDA");
        await officer.ActOkAsync(cityCode, new { action = "follow-up", text = FollowUpText, final = true });
    }

    private Task<Complaint> HubReportAsync(string code) => _hub.WithDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.TrackingCode == code));

    private Task<int> FollowUpsOnHubAsync(string code) => _hub.WithDbAsync(db => db.ComplaintEvents
        .CountAsync(e => db.Complaints.Any(c => c.Id == e.ComplaintId && c.TrackingCode == code) && e.Type == ComplaintEventType.FollowUp));

    [Fact]
    public async Task Dispatch_ToTheCityAndFollowUpBack_HubReportFollowedUpOnce()
    {
        var hubCode = await DispatchOnHubAsync();

        await FederationSetup.DeliverAsync(_hub);

        var hubReport = await HubReportAsync(hubCode);
        Assert.Equal(FederationSetup.CityName, hubReport.RemotePeer);
        var cityReport = await _city.WithDbAsync(db => db.Complaints.SingleAsync(c => c.ExternalId == hubCode));
        Assert.Equal(hubReport.RemoteId, cityReport.TrackingCode);
        Assert.Equal(Channel.Hub, cityReport.Channel);
        Assert.Equal("Siti Aminah", cityReport.Reporter.Name); // a public report's reporter travels with it
        Assert.Equal(ComplaintStatus.Submitted, cityReport.Status);

        using var cityManager = await _city.StaffClientAsync(Roles.Manager);
        var staffView = await cityManager.GetFromJsonAsync<StaffComplaintView>($"/api/v1/staff/complaints/{cityReport.TrackingCode}", TestApi.Json);
        Assert.Equal(hubCode, staffView!.Federation?.ExternalId);
        await cityManager.ActOkAsync(cityReport.TrackingCode, new { action = "dispatch" });
        using var officer = await _city.StaffClientAsync(Roles.AgencyOfficer, "DBMSDA");
        await officer.ActOkAsync(cityReport.TrackingCode, new { action = "follow-up", text = "Tim UPTD sudah mengukur lubang.", final = false });
        await FederationSetup.DeliverAsync(_city);

        Assert.Equal(ComplaintStatus.InProgress, (await HubReportAsync(hubCode)).Status);
        Assert.Equal(1, await FollowUpsOnHubAsync(hubCode));

        // The poll finds the same updates again: an interim follow-up is not added twice.
        Assert.Equal(0, await _hub.Services.GetRequiredService<FederationPoller>().RunOnceAsync(default));
        Assert.Equal(1, await FollowUpsOnHubAsync(hubCode));

        await officer.ActOkAsync(cityReport.TrackingCode, new { action = "follow-up", text = FollowUpText, final = true });
        await FederationSetup.DeliverAsync(_city);

        Assert.Equal(3, await _city.WithDbAsync(db => db.OutboxMessages // dispatched there, interim, final
            .CountAsync(m => m.Type == FederationUpdates.MessageType && m.Status == OutboxStatus.Delivered)));
        hubReport = await HubReportAsync(hubCode);
        Assert.Equal(ComplaintStatus.FollowedUp, hubReport.Status);
        var final = await _hub.WithDbAsync(db => db.ComplaintEvents.OrderBy(e => e.Sequence)
            .LastAsync(e => e.ComplaintId == hubReport.Id && e.Type == ComplaintEventType.FollowUp));
        Assert.Equal(FollowUpText, final.Text);
        Assert.Equal("Federasi: " + FederationSetup.CityName, final.ActorName);
        Assert.Equal(2, await FollowUpsOnHubAsync(hubCode));
    }

    [Fact]
    public async Task CityStoppedThenRestarted_OutboxCatchesUpAndPollFillsALostPush_NoDuplicates()
    {
        _city.KeepData = true;
        await _city.DisposeAsync();
        var hubCode = await DispatchOnHubAsync();

        await FederationSetup.DeliverAsync(_hub);
        var waiting = await _hub.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Type == FederationRequests.MessageType));
        Assert.Equal((OutboxStatus.Pending, 1, GeoReportClient.Unreachable), (waiting.Status, waiting.Attempts, waiting.LastError));

        _city = _city.Restart();
        _city.Listen(_cityPort);
        _hub.Time.Advance(TimeSpan.FromHours(1));
        await FederationSetup.DeliverAsync(_hub);
        var cityCode = (await HubReportAsync(hubCode)).RemoteId!;

        // The hub crashed after the city accepted, before it noted the city's id: the same post again.
        await _hub.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == hubCode)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.RemoteId, (string?)null)));
        await using (var scope = _hub.Services.CreateAsyncScope())
        {
            var handler = scope.ServiceProvider.GetServices<IOutboxHandler>().Single(h => h.Type == FederationRequests.MessageType);
            Assert.Equal(DeliveryOutcome.Delivered, (await handler.DeliverAsync(waiting, default)).Outcome);
        }

        Assert.Equal(1, await _city.WithDbAsync(db => db.Complaints.CountAsync(c => c.ExternalId == hubCode)));
        Assert.Equal(cityCode, (await HubReportAsync(hubCode)).RemoteId);

        // Now the hub is down while the city follows up: the push waits, the hub's poll brings the update in first.
        _hub.KeepData = true;
        await _hub.DisposeAsync();
        await FollowUpOnCityAsync(cityCode);
        await FederationSetup.DeliverAsync(_city);
        Assert.Equal(2, await _city.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Type == FederationUpdates.MessageType)));
        Assert.All(await _city.WithDbAsync(db => db.OutboxMessages.Where(m => m.Type == FederationUpdates.MessageType).ToListAsync()),
            m => Assert.Equal(OutboxStatus.Pending, m.Status));
        _hub = _hub.Restart();
        _hub.Listen(_hubPort);

        Assert.Equal(1, await _hub.Services.GetRequiredService<FederationPoller>().RunOnceAsync(default)); // the follow-up
        var polled = await HubReportAsync(hubCode);
        Assert.Equal(ComplaintStatus.FollowedUp, polled.Status);

        _city.Time.Advance(TimeSpan.FromHours(1));
        await FederationSetup.DeliverAsync(_city);
        Assert.All(await _city.WithDbAsync(db => db.OutboxMessages.Where(m => m.Type == FederationUpdates.MessageType).ToListAsync()),
            m => Assert.Equal(OutboxStatus.Delivered, m.Status));
        Assert.Equal(1, await FollowUpsOnHubAsync(hubCode));
        Assert.Equal(polled.EventCount, (await HubReportAsync(hubCode)).EventCount);
    }

    [Fact]
    public async Task Refer_CityReportToTheHub_HubHoldsItOnceAndTheTrackingPageShowsItsCode()
    {
        using var citizen = _city.CreateClient();
        var created = await citizen.SubmitAsync();
        using var manager = await _city.StaffClientAsync(Roles.Manager);
        await manager.ActOkAsync(created.TrackingCode, new { action = "refer", reason = "Jalan provinsi: kewenangan Pemerintah Provinsi Jawa Barat." });

        await FederationSetup.DeliverAsync(_city);

        var cityReport = await _city.WithDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.TrackingCode == created.TrackingCode));
        Assert.Equal("upstream", cityReport.RemotePeer);
        var hubReport = await _hub.WithDbAsync(db => db.Complaints.SingleAsync(c => c.ExternalId == created.TrackingCode));
        Assert.Equal(cityReport.RemoteId, hubReport.TrackingCode);
        Assert.Equal(Channel.Hub, hubReport.Channel);
        Assert.Equal($"http://127.0.0.1:{_hubPort}/lacak/{hubReport.TrackingCode}", cityReport.RemoteUrl);

        var view = await citizen.PublicAsync(created.TrackingCode, created.ReporterKey);
        Assert.Equal(hubReport.TrackingCode, view.Hub?.Code);
        var page = await citizen.GetStringAsync($"/lacak/{created.TrackingCode}");
        Assert.Contains(hubReport.TrackingCode, page, StringComparison.Ordinal);
        Assert.Contains($"href=\"{cityReport.RemoteUrl}\"", page, StringComparison.Ordinal);
    }
}
