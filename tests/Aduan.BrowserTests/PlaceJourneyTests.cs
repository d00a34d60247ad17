using Aduan.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aduan.BrowserTests;

/// <summary>
/// A citizen on a phone reports with their location, an emergency gets "call 112" at once, and the
/// published report shows on the public maps: all at 360 px, with nothing wider than the phone.
/// </summary>
public sealed class PlaceJourneyTests(BrowserApp app) : BrowserTest(app)
{
    private const string Text = "Trotoar ambles dan berlubang dalam di depan halte, pejalan kaki harus turun ke jalan.";

    /// <summary>About 1.5 km from Bekasi Barat's centre and 1.7 km from Bekasi Selatan's.</summary>
    private static void NearBekasiBarat(BrowserNewContextOptions o)
    {
        o.Permissions = ["geolocation"];
        o.Geolocation = new() { Latitude = -6.24f, Longitude = 106.99f };
    }

    [Fact]
    public async Task Report_UseMyLocation_FillsThePinAndTheNearestKecamatan_ThenTheReportShowsOnThePublicMaps()
    {
        var code = "";
        await InPageAsync(async page =>
        {
            await page.GotoAsync("/lapor");
            await page.Locator("#Report_Text").FillAsync(Text);

            await page.Locator("#locate").ClickAsync();

            await Expect(page.Locator("#Report_Location_Kecamatan")).ToHaveValueAsync("Bekasi Barat");
            await Expect(page.Locator("#Report_Location_Lat")).ToHaveValueAsync("-6.240000");
            await Expect(page.Locator("#Report_Location_Lng")).ToHaveValueAsync("106.990000");
            await Expect(page.Locator("#map-status")).ToContainTextAsync("Bekasi Barat");
            await Expect(page.Locator("#map .leaflet-marker-icon")).ToBeVisibleAsync();
            await Expect(page.Locator("#show-map")).ToBeHiddenAsync(); // the map is open: its button goes
            await AssertFitsAsync(page, "#map");

            await page.GetByTestId("send").ClickAsync();
            code = (await page.GetByTestId("tracking-code").InnerTextAsync()).Trim();
        }, NearBekasiBarat, phone: true);

        await AsAsync(BrowserApp.DeskManager, async page =>
        {
            await page.GotoAsync("/staff/desk");
            var row = page.GetByTestId("reports").Locator("tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = code, Exact = true }) });
            await Expect(row.GetByTestId("map-links").Locator("a[href^='geo:']")).ToHaveAttributeAsync("href", "geo:-6.24,106.99");

            await page.GotoAsync("/staff/reports/" + code);
            var verify = page.Locator("#verify");
            await verify.Locator("#v-category").SelectOptionAsync("JALAN");
            await verify.Locator("#verify-agency").SelectOptionAsync("DBMSDA");
            await verify.Locator("button[type=submit]").ClickAsync();
            await Expect(page.Locator(".flash")).ToContainTextAsync(code); // then the desk or its next report opens
        }, test: nameof(Report_UseMyLocation_FillsThePinAndTheNearestKecamatan_ThenTheReportShowsOnThePublicMaps) + "-Desk");

        await InPageAsync(async page =>
        {
            await page.GotoAsync("/laporan/" + code);
            var map = page.GetByTestId("report-map");
            await Expect(map.Locator("path.leaflet-interactive")).ToHaveCountAsync(1);
            await map.Locator("path.leaflet-interactive").ClickAsync(new() { Force = true });
            await Expect(map.Locator(".leaflet-popup-content")).ToContainTextAsync("Belum Ditindaklanjuti");
            await AssertFitsAsync(page, "[data-testid=report-map]");

            await page.GotoAsync("/laporan?peta=1");
            var register = page.GetByTestId("register-map");
            await Expect(register.Locator("path.leaflet-interactive").First).ToBeAttachedAsync();
            await Expect(page.GetByTestId("register-item").First.GetByTestId("register-heading")).ToContainTextAsync("Kec.");
            await AssertFitsAsync(page, "[data-testid=register-map]");

            await page.GotoAsync("/");
            await Expect(page.GetByTestId("home-map").Locator("path.leaflet-interactive").First).ToBeAttachedAsync();
            await AssertFitsAsync(page, "[data-testid=home-map]");
        }, phone: true, test: nameof(Report_UseMyLocation_FillsThePinAndTheNearestKecamatan_ThenTheReportShowsOnThePublicMaps) + "-Public");
    }

    [Fact]
    public Task Report_LocationOutsideTheCity_IsNotUsedAndTheCitizenIsTold() => InPageAsync(async page =>
    {
        await page.GotoAsync("/lapor");

        await page.Locator("#locate").ClickAsync();

        await Expect(page.Locator("#map-status")).ToContainTextAsync("di luar kota");
        await Expect(page.Locator("#Report_Location_Lat")).ToHaveValueAsync("");
        await Expect(page.Locator("#Report_Location_Kecamatan")).ToHaveValueAsync("");
    }, o =>
    {
        o.Permissions = ["geolocation"];
        o.Geolocation = new() { Latitude = -7.7956f, Longitude = 110.3695f }; // Yogyakarta
    }, phone: true);

    [Fact]
    public Task Report_EmergencyCategory_Shows112AtOnce_AndWithoutAPlaceAsksBeforeSending() => InPageAsync(async page =>
    {
        await page.GotoAsync("/lapor");
        var banner = page.GetByTestId("emergency");
        await Expect(banner).ToBeHiddenAsync();

        await page.Locator("input[name='Report.Category'][value=KEBAKARAN]").CheckAsync();
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner).ToContainTextAsync("Darurat? Telepon 112");
        // The banner heads the form (role=alert: read out at once); beside the choice the citizen sees it too.
        await Expect(page.Locator("label", new() { Has = page.Locator("input[value=KEBAKARAN]") }).GetByTestId("emergency-hint")).ToBeInViewportAsync();
        await AssertFitsAsync(page, "[data-testid=emergency]");
        await page.Locator("input[name='Report.Category'][value=JALAN]").CheckAsync();
        await Expect(banner).ToBeHiddenAsync();

        await page.Locator("input[name='Report.Category'][value=KEBAKARAN]").CheckAsync();
        await page.Locator("#Report_Text").FillAsync("Api besar dari rumah kosong di ujung gang, asap sampai ke jalan.");
        await page.GetByTestId("send").ClickAsync();
        await Expect(page.Locator("#error-Report_Location")).ToContainTextAsync("Tanpa lokasi");
        await Expect(page.GetByTestId("emergency")).ToBeVisibleAsync(); // shown by the server after choosing
        await page.GetByTestId("no-place").Locator("input").CheckAsync();
        await page.GetByTestId("send").ClickAsync();

        await Expect(page.GetByTestId("tracking-code")).ToBeVisibleAsync();
    }, phone: true);
}
