using System.Net;
using System.Net.Http.Json;
using Aduan.Complaints;
using Aduan.Identity;
using Aduan.Sla;
using Aduan.Tests.Support;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Pages.Portal;

/// <summary>Where a report is (the nearest kecamatan from a pin, the pin for staff) and emergencies (112, urgent, a place asked for).</summary>
public sealed class PlaceAndEmergencyTests : IAsyncLifetime
{
    private const string Fire = "Ada asap tebal dan api dari gudang di belakang pasar, warga panik.";
    private readonly AduanFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string? Code(IHtmlDocument page) => page.QuerySelector("[data-testid=tracking-code]")?.TextContent.Trim();

    private Task<Complaint> StoredAsync(string code) =>
        _app.WithDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.TrackingCode == code));

    private static async Task<IHtmlDocument> LaporAsync(PageClient citizen, Dictionary<string, string> fields)
    {
        var page = await citizen.GetAsync("/lapor");
        return await citizen.SubmitAsync(page, "#report", fields);
    }

    [Fact]
    public async Task Api_CoordinatesWithoutKecamatan_StoresTheKecamatanWithTheNearestCentre()
    {
        using var citizen = _app.CreateClient();

        var near = await citizen.SubmitAsync(TestApi.Report(location: new { lat = -6.2060, lng = 107.0010 })); // ~150 m from Bekasi Utara's centre
        var named = await citizen.SubmitAsync(TestApi.Report(location: new { lat = -6.2060, lng = 107.0010, kecamatan = "Rawalumbu" }));
        var away = await citizen.SubmitAsync(TestApi.Report(location: new { lat = -6.1754, lng = 106.8272 })); // Jakarta, ~17 km away

        Assert.Equal("Bekasi Utara", (await StoredAsync(near.TrackingCode)).Location.Kecamatan);
        Assert.Equal("Rawalumbu", (await StoredAsync(named.TrackingCode)).Location.Kecamatan); // a chosen kecamatan is kept
        Assert.Null((await StoredAsync(away.TrackingCode)).Location.Kecamatan);
    }

    [Fact]
    public async Task Lapor_PinWithoutKecamatan_StoresTheNearestKecamatanAndSaysItIsAnEstimate()
    {
        using var citizen = PageClient.For(_app);
        var form = await citizen.GetAsync("/lapor");

        var page = await citizen.SubmitAsync(form, "#report", new()
        {
            ["Report.Text"] = "Lampu jalan mati sepanjang jalan ini sejak minggu lalu.", ["Report.Category"] = "PJU",
            ["Report.Location.Lat"] = "-6.2745", ["Report.Location.Lng"] = "107.0160",
        });

        Assert.Equal("Rawalumbu", (await StoredAsync(Code(page)!)).Location.Kecamatan);
        Assert.Contains("perkiraan", form.QuerySelector("#hint-kecamatan")!.TextContent, StringComparison.Ordinal);
        var option = form.QuerySelector("#Report_Location_Kecamatan option[value='Rawalumbu']")!;
        Assert.Equal(("-6.275", "107.017"), (option.GetAttribute("data-lat"), option.GetAttribute("data-lng")));
    }

    [Fact]
    public async Task Lapor_EmergencyWithoutAnyPlace_AsksWhereAndCanStillBeSentWithoutOne()
    {
        using var citizen = PageClient.For(_app);

        var asked = await LaporAsync(citizen, new() { ["Report.Text"] = Fire, ["Report.Category"] = "KEBAKARAN" });

        Assert.Null(Code(asked));
        Assert.Contains("Tanpa lokasi petugas tidak bisa datang", asked.QuerySelector("#error-Report_Location")?.TextContent ?? PageClient.Text(asked),
            StringComparison.Ordinal);
        Assert.False(asked.QuerySelector("[data-testid=emergency]")!.HasAttribute("hidden"));
        Assert.NotNull(asked.QuerySelector("[data-testid=no-place] input[name='Report.Location.NoPlace']"));

        var sent = await citizen.SubmitAsync(asked, "#report", new() { ["Report.Location.NoPlace"] = "true" });

        var stored = await StoredAsync(Code(sent) ?? throw new InvalidOperationException(PageClient.Text(sent)));
        Assert.Equal((Priority.Urgent, ComplaintLocation.None), (stored.Priority, stored.Location));
    }

    [Fact]
    public async Task Lapor_EmergencyWithOnlyAnAddress_IsSentWithoutAQuestion()
    {
        using var citizen = PageClient.For(_app);

        var page = await LaporAsync(citizen, new()
        {
            ["Report.Text"] = Fire, ["Report.Category"] = "KEBAKARAN", ["Report.Location.Address"] = "Gudang belakang Pasar Baru",
        });

        Assert.NotNull(Code(page));
    }

    [Fact]
    public async Task Lapor_Form_Marks112OnEmergencyCategoriesAndHidesTheBannerUntilOneIsChosen()
    {
        using var citizen = PageClient.For(_app);

        var page = await citizen.GetAsync("/lapor");
        var refused = await citizen.SubmitAsync(page, "#report", new() { ["Report.Text"] = "api", ["Report.Category"] = "BANJIR" });
        var other = await citizen.SubmitAsync(page, "#report", new() { ["Report.Text"] = "api", ["Report.Category"] = "JALAN" });

        var banner = page.QuerySelector("[data-testid=emergency]")!;
        Assert.True(banner.HasAttribute("hidden"));
        Assert.Contains("Darurat? Telepon 112", banner.TextContent, StringComparison.Ordinal);
        Assert.Equal("tel:112", banner.QuerySelector("a")!.GetAttribute("href"));
        var marked = page.QuerySelectorAll("input[name='Report.Category'][data-emergency=true]").Select(i => i.GetAttribute("value")).Order();
        Assert.Equal(["BANJIR", "BENCANA", "KEBAKARAN"], marked);
        Assert.Equal(3, page.QuerySelectorAll("[data-testid=emergency-hint]").Length);
        Assert.False(refused.QuerySelector("[data-testid=emergency]")!.HasAttribute("hidden")); // shown at the top after choosing, without JS
        Assert.True(other.QuerySelector("[data-testid=emergency]")!.HasAttribute("hidden"));
    }

    [Fact]
    public async Task Submit_EmergencyCategory_IsUrgentWithRunningUrgentClocksAndReachesTheUrcBoard()
    {
        using var citizen = _app.CreateClient();
        using var manager = await _app.StaffClientAsync(Roles.Manager);
        var road = await citizen.SubmitAsync(TestApi.Report(category: "JALAN"));
        var fire = await citizen.SubmitAsync(TestApi.Report(text: Fire, category: "KEBAKARAN"));

        var stored = await StoredAsync(fire.TrackingCode);
        Assert.Equal((Priority.Urgent, Priority.Normal), (stored.Priority, (await StoredAsync(road.TrackingCode)).Priority));
        var clocks = await _app.WithDbAsync(db => db.SlaClocks.AsNoTracking()
            .Where(k => k.ComplaintId == stored.Id && k.StoppedAt == null).Select(k => k.Kind).ToListAsync());
        Assert.Contains(SlaClockKind.UrgentAcknowledge, clocks);
        var classified = await _app.WithDbAsync(db => db.ComplaintEvents.AsNoTracking()
            .SingleAsync(e => e.ComplaintId == stored.Id && e.Type == ComplaintEventType.Classified));
        Assert.Equal((ActorKind.System, EventVisibility.Staff), (classified.ActorKind, classified.Visibility));
        using (var desk = await PageClient.SignedInAsync(_app, Roles.Manager, userName: "desk"))
        {
            // Its one-hour acknowledgement clock is the nearest deadline: first on the desk, though sent after the road.
            var first = (await desk.GetAsync("/staff/desk")).QuerySelector("[data-testid=reports] tbody tr a")!.TextContent.Trim();
            Assert.Equal(fire.TrackingCode, first);
        }

        await manager.ActOkAsync(fire.TrackingCode, new { action = "dispatch", agency = "DAMKAR" });
        using var urc = await PageClient.SignedInAsync(_app, Roles.Urc, "DAMKAR");
        var board = await urc.GetAsync("/staff/urc");

        var task = board.QuerySelector($"[data-testid=task-{fire.TrackingCode}]");
        Assert.NotNull(task);
        var links = task.QuerySelector("[data-testid=map-links]")!;
        Assert.Equal("geo:-6.2441,107.0104", links.QuerySelector("a[href^='geo:']")!.GetAttribute("href"));
        Assert.Contains("mlat=-6.2441&mlon=107.0104", links.QuerySelector("a[href^='https://www.openstreetmap.org/']")!.GetAttribute("href"),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffPages_ReportWithAPin_LinkTheExactPlaceOnTheDeskAndTheReportPage()
    {
        using var citizen = _app.CreateClient();
        var created = await citizen.SubmitAsync(TestApi.Report(location: new { lat = -6.244123, lng = 107.010456 }));
        using var manager = await PageClient.SignedInAsync(_app, Roles.Manager);

        var desk = await manager.GetAsync("/staff/desk");
        var detail = await manager.GetAsync("/staff/reports/" + created.TrackingCode);

        Assert.Equal("geo:-6.244123,107.010456", desk.QuerySelector("[data-testid=reports] [data-testid=map-links] a[href^='geo:']")?.GetAttribute("href"));
        Assert.Contains("Bekasi Timur", desk.QuerySelector("[data-testid=reports]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("geo:-6.244123,107.010456", detail.QuerySelector("[data-testid=location] a[href^='geo:']")?.GetAttribute("href"));
    }

    [Fact]
    public async Task AdminCategory_SetEmergency_MakesNewReportsOfItUrgent()
    {
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);
        var form = await admin.GetAsync("/admin/categories/edit/SAMPAH");
        await admin.SubmitAsync(form, "[data-testid=category-form]", new() { ["Input.IsEmergency"] = "true" });
        using var citizen = _app.CreateClient();

        var created = await citizen.SubmitAsync(TestApi.Report(text: "Tumpukan sampah terbakar di tepi jalan, asapnya tebal.", category: "SAMPAH"));

        Assert.True(await _app.WithDbAsync(db => db.Categories.Where(c => c.Code == "SAMPAH").Select(c => c.IsEmergency).SingleAsync()));
        Assert.Equal(Priority.Urgent, (await StoredAsync(created.TrackingCode)).Priority);
        var categories = await (await citizen.GetAsync("/api/v1/categories")).Content.ReadFromJsonAsync<List<Aduan.Agencies.CategoryView>>(TestApi.Json);
        Assert.Contains(categories!, c => c is { Code: "KEBAKARAN", Emergency: true });
        Assert.Contains(categories!, c => c is { Code: "JALAN", Emergency: false });
        Assert.Equal(HttpStatusCode.OK, admin.Status);
    }
}
