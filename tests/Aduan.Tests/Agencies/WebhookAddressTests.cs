using System.Net;
using System.Net.Http.Json;
using Aduan.Agencies;
using Aduan.Outbox;
using Aduan.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Agencies;

/// <summary>One app without an allow-list, a receiver on loopback that must never be reached, and names the test resolves itself.</summary>
public sealed class WebhookAddressFixture : IAsyncLifetime
{
    public FakeWebhookDns Dns { get; } = new();

    public AduanFactory App { get; private set; } = null!;

    public WebhookReceiver Receiver { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Manager { get; private set; } = null!;

    public HttpClient Officer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = new AduanFactory { TestServices = s => s.AddSingleton<IWebhookDns>(Dns) };
        Receiver = await WebhookReceiver.StartAsync();
        Dns.Names["dinkes.test"] = [FakeWebhookDns.Public];
        Dns.Names["loopback.test"] = [IPAddress.Loopback];
        Dns.Names["metadata.test"] = [IPAddress.Parse("169.254.169.254")];
        Dns.Names["mixed.test"] = [FakeWebhookDns.Public, IPAddress.Parse("10.0.0.5")];
        Dns.Names["v6private.test"] = [IPAddress.Parse("fd00::5")];
        Admin = await App.StaffClientAsync("Admin");
        Manager = await App.StaffClientAsync("Manager");
        Officer = await App.StaffClientAsync("AgencyOfficer", "DBMSDA");
    }

    public async Task DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await App.DisposeAsync();
    }
}

/// <summary>
/// Server-side request forgery through agency webhooks: every spelling of an internal address, and
/// every name that resolves to one, is refused when an admin saves it and again when a delivery
/// connects; a failed delivery records a generic category, never what the network answered.
/// </summary>
public sealed class WebhookAddressTests(WebhookAddressFixture fx) : IClassFixture<WebhookAddressFixture>
{
    /// <summary>Internal targets as an attacker would spell them; {port} is the loopback receiver's.</summary>
    public static TheoryData<string> InternalUrls => new()
    {
        "http://127.0.0.1:{port}/aduan/webhook", "http://2130706433:{port}/aduan/webhook", "http://0x7f000001:{port}/aduan/webhook",
        "http://0x7f.1:{port}/aduan/webhook", "http://0177.0.0.1:{port}/aduan/webhook", "http://017700000001:{port}/aduan/webhook",
        "http://127.1:{port}/aduan/webhook", "http://127.0.1:{port}/aduan/webhook", "http://[::ffff:127.0.0.1]:{port}/aduan/webhook",
        "http://[::ffff:7f00:1]:{port}/aduan/webhook", "http://[0:0:0:0:0:ffff:127.0.0.1]:{port}/aduan/webhook",
        "http://localhost:{port}/aduan/webhook", "http://LOCALHOST:{port}/aduan/webhook", "http://localhost.:{port}/aduan/webhook",
        "http://loopback.test:{port}/aduan/webhook", "http://[::1]:{port}/aduan/webhook", "http://[0:0:0:0:0:0:0:1]:{port}/aduan/webhook",
        "http://0.0.0.0:{port}/aduan/webhook", "http://0:{port}/aduan/webhook", "http://[::]:{port}/aduan/webhook",
        "http://10.0.0.1/", "http://172.16.0.1/", "http://172.31.255.254/", "http://192.168.1.1/", "https://192.168.0.10:8443/",
        "http://169.254.169.254/latest/meta-data/", "http://[::ffff:169.254.169.254]/", "http://[::ffff:a9fe:a9fe]/",
        "http://[64:ff9b::a9fe:a9fe]/", "http://[2002:a9fe:a9fe::1]/", "http://metadata.test/latest/meta-data/",
        "http://100.64.0.1/", "http://224.0.0.1/", "http://255.255.255.255/", "http://[fd00::1]/", "http://[fc00::1]/",
        "http://[fe80::1]/", "http://[fe80::1%25eth0]/", "http://[ff02::1]/", "http://mixed.test/", "http://v6private.test/",
    };

    private string Url(string template) => template.Replace("{port}", fx.Receiver.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private Task<HttpResponseMessage> SaveAsync(string url) =>
        fx.Admin.PutAsJsonAsync("/api/v1/admin/agencies/DBMSDA/webhook", new { url, secret = "rahasia-dinas-bina-marga-2026" });

    /// <summary>Stores the address as if it had been saved before these checks existed, then delivers one follow-up.</summary>
    private async Task<OutboxMessage> DeliverToAsync(string url)
    {
        await using (var scope = fx.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Aduan.Data.AduanDbContext>();
            var agency = await db.Agencies.SingleAsync(a => a.Code == "DBMSDA");
            agency.WebhookUrl = url;
            agency.WebhookSecret = scope.ServiceProvider.GetRequiredService<AgencyWebhooks>().Secrets.Protect("rahasia-dinas-bina-marga-2026");
            await db.SaveChangesAsync();
        }

        var created = await fx.App.CreateClient().SubmitAsync();
        await fx.Manager.ActOkAsync(created.TrackingCode, new { action = "dispatch" });
        await fx.Officer.ActOkAsync(created.TrackingCode, new { action = "follow-up", text = "Lubang sudah ditambal.", final = true });
        await fx.App.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        return await fx.App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.IdempotencyKey.StartsWith("follow-up/" + created.TrackingCode)));
    }

    [Theory]
    [MemberData(nameof(InternalUrls))]
    public async Task SetWebhook_InternalAddress_Returns400OnTheUrl(string template)
    {
        using var response = await SaveAsync(Url(template));

        Assert.True((await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("url", out _), Url(template));
    }

    [Theory]
    [InlineData("http://petugas:sandi@dinkes.test/aduan")]
    [InlineData("ftp://dinkes.test/aduan")]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://tidak-ada.invalid/aduan")]
    public async Task SetWebhook_UserInfoOtherSchemeOrUnknownHost_Returns400OnTheUrl(string url)
    {
        using var response = await SaveAsync(url);

        Assert.True((await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("url", out _));
    }

    [Fact]
    public async Task SetWebhook_PublicHost_IsSaved()
    {
        using var response = await SaveAsync("https://dinkes.test/aduan/webhook");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(InternalUrls))]
    public async Task Delivery_InternalAddressStoredEarlier_ReachesNothingAndRecordsOnlyACategory(string template)
    {
        var message = await DeliverToAsync(Url(template));

        Assert.Empty(fx.Receiver.Requests);
        Assert.Equal((OutboxStatus.Dead, AgencyWebhooks.NotAllowed), (message.Status, message.LastError));
    }

    [Fact]
    public async Task Delivery_NameThatResolvedPubliclyWhenSavedAndToLoopbackNow_IsNotSent()
    {
        fx.Dns.Names["rebind.test"] = [FakeWebhookDns.Public];
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(Url("http://rebind.test:{port}/aduan/webhook"))).StatusCode);
        fx.Dns.Names["rebind.test"] = [IPAddress.Loopback];

        var message = await DeliverToAsync(Url("http://rebind.test:{port}/aduan/webhook"));

        Assert.Empty(fx.Receiver.Requests);
        Assert.Equal((OutboxStatus.Dead, AgencyWebhooks.NotAllowed), (message.Status, message.LastError));
    }

    [Fact]
    public async Task Delivery_HostThatDoesNotResolve_RecordsTheGenericText()
    {
        var message = await DeliverToAsync("http://tidak-ada.invalid/aduan");

        Assert.Equal((OutboxStatus.Pending, AgencyWebhooks.Unreachable), (message.Status, message.LastError));
    }
}
