using Aduan.Complaints;
using Aduan.Federation;
using Aduan.Identity;
using Aduan.Open311;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aduan.Tests.Federation;

/// <summary>The federation's Open311 client against the real server on a loopback port (the app is its own peer).</summary>
public sealed class GeoReportClientTests : IAsyncLifetime
{
    private readonly int _port = AppServer.FreePort();
    private AduanFactory _app = null!;
    private FederationPeer _self = null!;

    public async Task InitializeAsync()
    {
        _app = AduanFactory.With(("Aduan:Federation:AllowLoopback", "true"), ("Aduan:Open311:JurisdictionId", FederationSetup.CityJurisdiction));
        _app.Listen(_port);
        await FederationSetup.AddKeyAsync(_app, "jabar-hub", FederationSetup.CityKeyForHub);
        _self = new FederationPeer
        {
            BaseUrl = $"http://127.0.0.1:{_port}/open311/v2/", JurisdictionId = FederationSetup.CityJurisdiction, ApiKey = FederationSetup.CityKeyForHub,
        };
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private GeoReportClient Client(AduanFactory? app = null) =>
        (app ?? _app).Services.CreateScope().ServiceProvider.GetRequiredService<GeoReportClient>();

    private static List<KeyValuePair<string, string>> Report(string externalId) =>
    [
        new("service_code", "JALAN"),
        new("description", "Jalan di depan SDN Margahayu 5 berlubang besar,\r\nmembahayakan pengendara motor."),
        new("lat", "-6.244100"),
        new("long", "107.010400"),
        new("attribute[external_id]", externalId),
        new("attribute[privacy]", "Public"),
        new("first_name", "Siti Aminah"),
    ];

    [Fact]
    public async Task PostRequest_SameExternalIdTwice_OneReportOnChannelHub()
    {
        var first = await Client().PostRequestAsync(_self, Report("JBR-2606-0001"), "federation/request/a", default);
        var second = await Client().PostRequestAsync(_self, Report("JBR-2606-0001"), "federation/request/b", default);

        Assert.True(first.Ok, first.Error);
        Assert.True(second.Ok, second.Error);
        Assert.Equal(first.Value.Id, second.Value.Id);
        Assert.Contains($"/lacak/{first.Value.Id}", first.Value.Notice, StringComparison.Ordinal);
        var stored = await _app.WithDbAsync(db => db.Complaints.Where(c => c.ExternalId == "JBR-2606-0001").ToListAsync());
        var report = Assert.Single(stored);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Complaints.CountAsync()));
        Assert.Equal(Channel.Hub, report.Channel);
        Assert.Equal(first.Value.Id, report.TrackingCode);
        Assert.Equal("Siti Aminah", report.Reporter.Name);
    }

    [Fact]
    public async Task PostRequest_PlainKey_ChannelOpen311AndItsOwnExternalIds()
    {
        await FederationSetup.AddKeyAsync(_app, "fixmystreet", "aduan_fedcba9876543210fedcba9876543210fedcba98", federation: false);
        var plain = new FederationPeer { BaseUrl = _self.BaseUrl, JurisdictionId = _self.JurisdictionId, ApiKey = "aduan_fedcba9876543210fedcba9876543210fedcba98" };

        var fromHub = await Client().PostRequestAsync(_self, Report("42"), "k1", default);
        var fromApp = await Client().PostRequestAsync(plain, Report("42"), "k2", default);

        Assert.NotEqual(fromHub.Value.Id, fromApp.Value.Id); // the same external id from another key is another report
        var channel = await _app.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == fromApp.Value.Id).Select(c => c.Channel).SingleAsync());
        Assert.Equal(Channel.Open311, channel);
    }

    [Fact]
    public async Task GetRequestAndUpdates_AfterDispatchAndFollowUp_ReadBackInOurStates()
    {
        var code = (await Client().PostRequestAsync(_self, Report("JBR-7"), "k", default)).Value.Id;
        using var manager = await _app.StaffClientAsync(Roles.Manager);
        await manager.ActOkAsync(code, new { action = "dispatch" });
        using var officer = await _app.StaffClientAsync(Roles.AgencyOfficer, "DBMSDA");
        await officer.ActOkAsync(code, new { action = "follow-up", text = "Lubang sudah ditambal oleh tim UPTD.", final = true });

        var request = await Client().GetRequestAsync(_self, code, default);
        var updates = await Client().GetUpdatesAsync(_self, AduanFactory.Start.AddDays(-1), 1, 100, default);
        var missing = await Client().GetRequestAsync(_self, "BKS-2606-9999", default);

        Assert.True(request.Ok, request.Error);
        Assert.Equal(code, request.Value!.Id);
        Assert.Equal(ComplaintStatus.FollowedUp, Open311Mapping.StatusFrom(request.Value.ExternalStatus ?? request.Value.Status));
        Assert.Equal("JALAN", request.Value.ServiceCode);
        var ours = updates.Value!.Where(u => u.RequestId == code).ToList();
        Assert.Equal(ComplaintStatus.FollowedUp, Open311Mapping.StatusFrom(ours[^1].Status, ours[^1].ExternalStatus));
        Assert.Equal("Lubang sudah ditambal oleh tim UPTD.", ours[^1].Description);
        Assert.All(ours, u => Assert.StartsWith(code + "-", u.UpdateId, StringComparison.Ordinal));
        Assert.True(missing.Ok);
        Assert.Null(missing.Value);
    }

    [Fact]
    public async Task PostUpdate_WrongJurisdictionOrKey_RefusedForGoodWithTheStatus()
    {
        var wrong = new FederationPeer { BaseUrl = _self.BaseUrl, JurisdictionId = "jabarprov.go.id", ApiKey = _self.ApiKey };
        var badKey = new FederationPeer { BaseUrl = _self.BaseUrl, JurisdictionId = _self.JurisdictionId, ApiKey = "aduan_salah" };

        var jurisdiction = await Client().PostUpdateAsync(wrong, [new("service_request_id", "X"), new("update_id", "1")], default);
        var key = await Client().PostRequestAsync(badKey, Report("1"), "k", default);

        Assert.Equal((false, "HTTP 404"), (jurisdiction.Retry, jurisdiction.Error));
        Assert.Equal((false, "HTTP 403"), (key.Retry, key.Error));
    }

    [Fact]
    public async Task Connect_LoopbackNotAllowed_RefusedAtConnectTimeAndNothingStored()
    {
        await using var strict = new AduanFactory(); // AllowLoopback is off by default
        var before = await _app.WithDbAsync(db => db.Complaints.CountAsync());

        var result = await Client(strict).PostRequestAsync(_self, Report("JBR-9"), "k", default);

        Assert.Equal((false, GeoReportClient.NotAllowed), (result.Retry, result.Error));
        Assert.Equal(before, await _app.WithDbAsync(db => db.Complaints.CountAsync()));
    }

    [Fact]
    public async Task GetRequest_AnswerOverTheSizeLimit_RefusedUnparsed()
    {
        await using var small = AduanFactory.With(("Aduan:Federation:AllowLoopback", "true"), ("Aduan:Federation:MaxResponseBytes", "1000"));
        var form = Report("JBR-11");
        form[1] = new("description", string.Concat(Enumerable.Repeat("Jalan berlubang di depan sekolah. ", 40)));
        var code = (await Client().PostRequestAsync(_self, form, "k", default)).Value.Id;
        using var manager = await _app.StaffClientAsync(Roles.Manager);
        await manager.ActOkAsync(code, new { action = "dispatch" });

        var whole = await Client().GetRequestAsync(_self, code, default);
        var limited = await Client(small).GetRequestAsync(_self, code, default);

        Assert.True(whole.Ok, whole.Error);
        Assert.Equal((false, "The peer's answer is larger than Aduan:Federation:MaxResponseBytes."), (limited.Retry, limited.Error));
    }

    [Fact]
    public void Start_UpstreamWithoutTrailingSlash_RefusedNamingTheSetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Aduan:Federation:Upstream:BaseUrl"] = "https://lapor.jabarprov.go.id/open311/v2",
            ["Aduan:Federation:Upstream:JurisdictionId"] = "jabarprov.go.id",
            ["Aduan:Federation:Upstream:ApiKey"] = "aduan_kunci",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddFederation();
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<FederationOptions>>().Value);

        Assert.StartsWith("Aduan:Federation:Upstream:BaseUrl must be", Assert.Single(e.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_NobodyListening_RetriedLater()
    {
        var down = new FederationPeer { BaseUrl = $"http://127.0.0.1:{AppServer.FreePort()}/open311/v2/", JurisdictionId = "x.go.id", ApiKey = "k" };

        var result = await Client().PostRequestAsync(down, Report("JBR-10"), "k", default);

        Assert.Equal((true, GeoReportClient.Unreachable), (result.Retry, result.Error));
    }
}
