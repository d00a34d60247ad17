using System.Net;
using Aduan.Identity;
using Aduan.Open311;
using Aduan.Tests.Open311;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Pages.Admin;

public sealed class ApiKeysPageTests : IAsyncLifetime
{
    private readonly AduanFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task CreateThenRevoke_KeyShownOnceWorksThenRefusedAndBothAudited()
    {
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);
        var page = await admin.GetAsync("/admin/apikeys");
        Assert.NotNull(page.QuerySelector("[data-testid=empty]"));

        page = await admin.SubmitAsync(page, "[data-testid=create-form]", new() { ["Name"] = "FixMyStreet" });
        var secret = page.QuerySelector("[data-testid=secret]")!.TextContent;
        Assert.StartsWith(ApiKeys.KeyPrefix, secret, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-testid=key-fixmystreet]"));
        Assert.Null((await admin.GetAsync("/admin/apikeys")).QuerySelector("[data-testid=secret]"));
        Assert.False(await _app.WithDbAsync(db => db.ApiKeys.AnyAsync(k => k.Hash == secret || k.Prefix == secret)));
        var open311 = new Open311Client(_app);
        Assert.Equal(HttpStatusCode.OK, (await open311.PostXmlAsync("requests.xml", Open311Client.FixMyStreetRequest(secret))).Status);

        page = await admin.GetAsync(page.QuerySelector("[data-testid=key-fixmystreet] a")!.GetAttribute("href")!);
        Assert.Contains("fixmystreet", page.QuerySelector("[data-testid=confirm-revoke] h2")!.TextContent, StringComparison.Ordinal);
        page = await admin.SubmitAsync(page, "[data-testid=confirm-revoke] form", []);

        Assert.Contains("fixmystreet dicabut", PageClient.Text(page), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-testid=key-fixmystreet] a"));
        Assert.Equal(HttpStatusCode.Forbidden, (await open311.PostXmlAsync("requests.xml", Open311Client.FixMyStreetRequest(secret))).Status);
        var actions = await _app.WithDbAsync(db => db.AuditEntries.Where(e => e.Subject == "fixmystreet").Select(e => e.Action).ToListAsync());
        Assert.Equal(["apikey.create", "apikey.revoke"], actions.Order());
    }

    [Fact]
    public async Task Create_FederationTicked_KeyMarkedAndItsReportsArriveOnChannelHub()
    {
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);

        var page = await admin.SubmitAsync(await admin.GetAsync("/admin/apikeys"), "[data-testid=create-form]",
            new() { ["Name"] = "jabar-hub", ["Federation"] = "true" });
        var secret = page.QuerySelector("[data-testid=secret]")!.TextContent;
        var (_, xml) = await new Open311Client(_app).PostXmlAsync("requests.xml", Open311Client.FixMyStreetRequest(secret));

        Assert.Contains("Federasi", page.QuerySelector("[data-testid=key-jabar-hub]")!.TextContent, StringComparison.Ordinal);
        Assert.True(await _app.WithDbAsync(db => db.ApiKeys.Where(k => k.Name == "jabar-hub").Select(k => k.Federation).SingleAsync()));
        var code = xml.Root!.Element("request")!.Element("service_request_id")!.Value;
        Assert.Equal(Aduan.Complaints.Channel.Hub, await _app.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == code).Select(c => c.Channel).SingleAsync()));
    }

    [Fact]
    public async Task Create_BadOrTakenName_MessageBesideTheFieldAndNothingCreated()
    {
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);
        await admin.SubmitAsync(await admin.GetAsync("/admin/apikeys"), "[data-testid=create-form]", new() { ["Name"] = "kota" });

        var bad = await admin.SubmitAsync(await admin.GetAsync("/admin/apikeys"), "[data-testid=create-form]", new() { ["Name"] = "nama dengan spasi" });
        var taken = await admin.SubmitAsync(await admin.GetAsync("/admin/apikeys"), "[data-testid=create-form]", new() { ["Name"] = "KOTA" });

        Assert.Contains("huruf kecil", bad.QuerySelector("[data-valmsg-for=Name]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("sudah dipakai", taken.QuerySelector("[data-valmsg-for=Name]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(taken.QuerySelector("[data-testid=secret]"));
        Assert.Equal(1, await _app.WithDbAsync(db => db.ApiKeys.CountAsync()));
    }

    [Theory]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Operator)]
    public async Task Get_NotAnAdmin_Forbidden(string role)
    {
        using var staff = await PageClient.SignedInAsync(_app, role);

        await staff.GetAsync("/admin/apikeys");

        Assert.Equal(HttpStatusCode.Forbidden, staff.Status);
    }
}
