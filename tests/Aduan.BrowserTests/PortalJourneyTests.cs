using System.Text.RegularExpressions;
using Aduan.BrowserTests.Support;
using Aduan.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aduan.BrowserTests;

/// <summary>
/// A citizen reports on a phone, with and without the map, and follows the report with the link given;
/// sends their own report beside a similar one; corrects a refused form.
/// </summary>
public sealed class PortalJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public Task Report_WithKecamatanOnly_TrackWithTheLinkAndReply() => InPageAsync(async page =>
    {
        await page.GotoAsync("/lapor");
        await page.Locator("#Report_Text").FillAsync("Saluran air di Jl. Cut Meutia tersumbat lumpur, air meluap ke rumah warga.");
        await page.Locator("#Report_Location_Kecamatan").SelectOptionAsync("Bekasi Barat");
        await ScreenshotAsync(page, "lapor-phone");
        await page.GetByTestId("send").ClickAsync();
        var code = await page.GetByTestId("tracking-code").InnerTextAsync();
        await ScreenshotAsync(page, "lapor-stored-phone");

        await page.GetByTestId("tracking-link").ClickAsync();
        await Expect(page.GetByTestId("tracking-code")).ToHaveTextAsync(code);
        await ScreenshotAsync(page, "lacak-phone");
        await page.Locator("#ReplyText").FillAsync("Tambahan: sudah tiga hari, baunya menyengat.");
        await page.Locator("#reply button[type=submit]").ClickAsync();

        await Expect(page.GetByTestId("done")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync("baunya menyengat");
    }, phone: true);

    [Fact]
    public Task Report_OnAPhone_KeyReadsInGroupsWithACopyButtonAndTheReporterFollowsByEmail() => InPageAsync(async page =>
    {
        await page.GotoAsync("/lapor");
        await page.Locator("#Report_Text").FillAsync("Sampah menumpuk di pinggir Jl. Ahmad Yani, belum diangkut seminggu.");
        await page.Locator("#Report_Location_Kecamatan").SelectOptionAsync("Bekasi Selatan");
        await page.GetByTestId("send").ClickAsync();

        await Expect(page.GetByTestId("reporter-key")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^([2-9A-Z]{5}-){4}[2-9A-Z]{5}$"));
        await Expect(page.Locator("button[data-copy=stored-key]")).ToBeVisibleAsync(); // shown by the script
        await Expect(page.GetByTestId("next")).ToContainTextAsync("halaman lacak");
        await AssertFitsAsync(page, "[data-testid=stored]");

        // The link's #kunci= is posted by the script: the reporter's view, with the follow form for them.
        await page.GetByTestId("tracking-link").ClickAsync();
        await Expect(page.Locator("#key-form")).ToHaveCountAsync(0);
        Assert.DoesNotContain("kunci", page.Url, StringComparison.Ordinal);
        await page.Locator("#follow-form #Contact").FillAsync("pelapor@example.com");
        await page.GetByTestId("follow-submit").ClickAsync();

        await Expect(page.Locator("main .flash")).ToContainTextAsync("Periksa email Anda");
        await Expect(page.Locator("main .flash")).ToBeInViewportAsync();
        await AssertFitsAsync(page, "main .flash");
    }, phone: true);

    [Fact]
    public Task Report_WithTheMap_PinFillsTheLocation() => InPageAsync(async page =>
    {
        await page.GotoAsync("/lapor");
        await page.Locator("#Report_Text").FillAsync("Pohon tumbang menutup separuh badan jalan dekat taman kota.");
        await page.Locator("#show-map").ClickAsync();
        await page.Locator("#map").ClickAsync();

        await Expect(page.Locator("#map-status")).Not.ToBeEmptyAsync();
        Assert.StartsWith("-6.", await page.Locator("#Report_Location_Lat").InputValueAsync(), StringComparison.Ordinal);
        await page.GetByTestId("send").ClickAsync();
        await Expect(page.GetByTestId("tracking-code")).ToBeVisibleAsync();
    });

    [Fact]
    public async Task Report_NearAPublishedSimilarReport_SendAnywayStoresANewReport()
    {
        // Bantar Gebang: no other journey reports there, so the offer holds only these two.
        var place = new { address = "Jl. Raya Narogong", kecamatan = "Bantar Gebang" };
        var published = await SubmitThroughApiAsync(TestApi.Report("Jalan Raya Narogong depan pasar berlubang dalam, truk sering terperosok.", location: place));
        await VerifyAsync(published, "JALAN", "DBMSDA");
        var unverified = await SubmitThroughApiAsync(TestApi.Report("Aspal Jalan Raya Narogong mengelupas sepanjang seratus meter.", location: place));

        await InPageAsync(async page =>
        {
            await page.GotoAsync("/lapor");
            await page.Locator("#Report_Text").FillAsync("Lubang besar di Jalan Raya Narogong, motor saya hampir jatuh tadi pagi.");
            await page.Locator("input[name='Report.Category'][value=JALAN]").CheckAsync();
            await page.Locator("#Report_Location_Kecamatan").SelectOptionAsync("Bantar Gebang");
            await page.GetByTestId("send").ClickAsync();

            var offer = page.GetByTestId("similar");
            await Expect(offer).ToContainTextAsync(published);
            await Expect(offer).Not.ToContainTextAsync(unverified);
            await page.GetByRole(AriaRole.Button, new() { Name = "Tetap kirim laporan saya" }).ClickAsync();

            var code = (await page.GetByTestId("tracking-code").InnerTextAsync()).Trim();
            Assert.DoesNotContain(code, new[] { published, unverified });
            await page.GetByTestId("tracking-link").ClickAsync();
            await Expect(page.GetByTestId("tracking-code")).ToHaveTextAsync(code);
        }, phone: true);
    }

    [Fact]
    public Task Report_TextTooShortOnAPhone_ErrorSummaryHasFocusAndLinksToTheField() => InPageAsync(async page =>
    {
        await page.GotoAsync("/lapor");
        await page.Locator("#Report_Text").FillAsync("Rusak.");
        await page.Locator("#Report_Location_Kecamatan").SelectOptionAsync("Bekasi Utara");
        await page.GetByTestId("send").ClickAsync();

        var summary = page.GetByTestId("error-summary");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary).ToBeInViewportAsync();
        await Expect(page).ToHaveTitleAsync(new Regex("^Kesalahan: ", RegexOptions.None, TimeSpan.FromSeconds(1)));
        await ScreenshotAsync(page, "lapor-error-phone");

        await summary.Locator("a[href='#Report_Text']").ClickAsync();
        await Expect(page.Locator("#Report_Text")).ToBeFocusedAsync();
        await Expect(page.Locator("#Report_Text")).ToBeInViewportAsync();
        await Expect(page.Locator("#Report_Text")).ToHaveValueAsync("Rusak.");
    }, phone: true);
}
