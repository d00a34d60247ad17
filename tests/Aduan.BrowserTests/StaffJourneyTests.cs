using Aduan.BrowserTests.Support;
using Aduan.Complaints;
using Aduan.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aduan.BrowserTests;

/// <summary>
/// A caller's report from the call center through the verification desk to the agency's follow-up with a photo,
/// each member of staff in a browser context of their own (the manager enrols an authenticator at the first sign-in).
/// </summary>
public sealed class StaffJourneyTests(BrowserApp app) : BrowserTest(app)
{
    private const string FollowUp = "Lampu sudah diganti oleh petugas kami.";

    [Fact]
    public async Task Journey_CallVerifiedAndDispatched_OfficerFollowsUpWithAPhotoAndOtherAgencyGets404()
    {
        var code = await DispatchedCallAsync();
        string? photo = null;

        await AsAsync(BrowserApp.Officer, async page =>
        {
            await page.GotoAsync("/staff/queue");
            await ReportLink(page, code).ClickAsync();
            await Expect(page).ToHaveURLAsync(At("/staff/reports/" + code));

            await page.GetByTestId("action-acknowledge").Locator("summary").ClickAsync();
            await page.GetByTestId("action-acknowledge").Locator("button[type=submit]").ClickAsync();
            await Expect(page.GetByTestId("status")).ToHaveTextAsync("Proses");

            var followUp = page.GetByTestId("action-follow-up");
            await followUp.Locator("summary").ClickAsync();
            await followUp.Locator("textarea[name='Form.Text']").FillAsync(FollowUp);
            await followUp.Locator("input[name='Form.Final']").CheckAsync();
            await followUp.Locator("input[name=Photos]").SetInputFilesAsync(
                new FilePayload { Name = "bukti.png", MimeType = "image/png", Buffer = TestImages.Png(800, 600) });
            await followUp.Locator("button[type=submit]").ClickAsync();

            await Expect(page.GetByTestId("status")).ToHaveTextAsync("Ditindaklanjuti");
            await ScreenshotAsync(page, "staff-report");
            var timeline = page.GetByTestId("timeline");
            await Expect(timeline).ToContainTextAsync(FollowUp);
            var img = timeline.Locator("img");
            await img.ScrollIntoViewIfNeededAsync(); // it loads lazily
            await Expect(img).ToHaveJSPropertyAsync("naturalWidth", 800);
            photo = await img.GetAttributeAsync("src");
        });

        await AsAsync(BrowserApp.OtherOfficer, async page =>
        {
            var report = await page.GotoAsync("/staff/reports/" + code);
            Assert.Equal(404, report?.Status);
            var stolen = await page.Context.APIRequest.GetAsync(photo!);
            Assert.Equal(404, stolen.Status);
        });
    }

    [Fact]
    public async Task FollowUp_PhoneWidth_FormFitsWithoutHorizontalScrolling()
    {
        var code = await DispatchedCallAsync();

        await AsAsync(BrowserApp.Officer, async page =>
        {
            await page.GotoAsync("/staff/reports/" + code);

            var followUp = page.GetByTestId("action-follow-up");
            await followUp.Locator("summary").ClickAsync();
            await Expect(followUp.Locator("input[name=Photos]")).ToBeVisibleAsync();
            await AssertFitsAsync(page, "[data-testid=action-follow-up] form");
        }, phone: true);
    }

    [Fact]
    public async Task Citizen_ReportsOnTheWeb_TheAgencyFollowsUp_AndTheCitizenAcceptsWithARating()
    {
        var code = "";
        var link = "";
        await InPageAsync(async page =>
        {
            await page.GotoAsync("/lapor");
            await page.Locator("#Report_Text").FillAsync("Posyandu Melati di Kelurahan Jatiluhur tidak buka dua bulan terakhir, balita belum ditimbang.");
            await page.Locator("#Report_Location_Kecamatan").SelectOptionAsync("Jatiasih");
            await page.GetByTestId("send").ClickAsync();
            code = (await page.GetByTestId("tracking-code").InnerTextAsync()).Trim();
            link = (await page.GetByTestId("tracking-link").GetAttributeAsync("href"))!;
        }, phone: true);

        await VerifyOnDeskAsync(code);
        await AsAsync(BrowserApp.Officer, async page =>
        {
            await page.GotoAsync("/staff/reports/" + code);
            await page.GetByTestId("action-acknowledge").Locator("summary").ClickAsync();
            await page.GetByTestId("action-acknowledge").Locator("button[type=submit]").ClickAsync();
            var followUp = page.GetByTestId("action-follow-up");
            await followUp.Locator("summary").ClickAsync();
            await followUp.Locator("textarea[name='Form.Text']").FillAsync("Posyandu Melati buka kembali mulai Senin; kader sudah dijadwalkan.");
            await followUp.Locator("input[name='Form.Final']").CheckAsync();
            await followUp.Locator("button[type=submit]").ClickAsync();
            await Expect(page.GetByTestId("status")).ToContainTextAsync("Ditindaklanjuti");
        }, test: nameof(Citizen_ReportsOnTheWeb_TheAgencyFollowsUp_AndTheCitizenAcceptsWithARating) + "-Officer");

        await InPageAsync(async page =>
        {
            await page.GotoAsync(link);
            await Expect(page.GetByTestId("timeline")).ToContainTextAsync("Posyandu Melati buka kembali");
            await page.Locator("#accept input[name=Rating][value='5']").CheckAsync();
            await page.Locator("#accept button[type=submit]").ClickAsync();
            await Expect(page.GetByTestId("status")).ToContainTextAsync("Selesai");
        }, phone: true);
    }

    [Fact]
    public async Task Follow_PublishedReportOnAPhone_FormSaysToCheckTheEmail()
    {
        var code = await DispatchedCallAsync();

        await InPageAsync(async page =>
        {
            await page.GotoAsync("/laporan/" + code);
            var follow = page.GetByTestId("follow");
            await AssertFitsAsync(page, "[data-testid=follow]");
            await follow.Locator("#Contact").FillAsync("tetangga@example.com");
            await follow.GetByTestId("follow-submit").ClickAsync();

            await Expect(page).ToHaveURLAsync(At("/laporan/" + code));
            await Expect(page.Locator("main .flash")).ToContainTextAsync("Periksa email Anda");
            await AssertFitsAsync(page, "main .flash");
        }, phone: true);
    }

    /// <summary>An operator records a call; a manager verifies it on the desk and dispatches it to DINKES. Returns its code.</summary>
    private async Task<string> DispatchedCallAsync()
    {
        var code = "";
        await AsAsync(BrowserApp.Operator, async page =>
        {
            await page.GotoAsync("/staff/callcenter");
            var call = page.Locator("#record-call");
            await call.Locator("#Call_Phone").FillAsync("0812 7777 1234");
            await call.Locator("#Call_Name").FillAsync("Budi Santoso");
            await call.Locator("#Call_Text").FillAsync("Lampu jalan di depan Puskesmas Bekasi Jaya mati sejak tiga hari yang lalu.");
            await call.Locator("#Call_Kecamatan").SelectOptionAsync("Bekasi Timur");
            await call.Locator("button[type=submit]").ClickAsync();

            code = (await page.GetByTestId("tracking-code").InnerTextAsync()).Trim();
            Assert.True(TrackingCode.TryNormalize(code, out _), code);
        }, test: nameof(DispatchedCallAsync) + "-Operator");

        await VerifyOnDeskAsync(code, expectReporter: "Budi Santoso");
        return code;
    }

    /// <summary>The desk manager verifies the report (category KESEHATAN) and dispatches it to DINKES.</summary>
    private async Task VerifyOnDeskAsync(string code, string? expectReporter = null)
    {
        await AsAsync(BrowserApp.DeskManager, async page =>
        {
            await page.GotoAsync("/staff/desk");
            await ScreenshotAsync(page, "staff-desk");
            await ReportLink(page, code).ClickAsync();
            await Expect(page).ToHaveURLAsync(At("/staff/reports/" + code));
            if (expectReporter is not null)
            {
                await Expect(page.GetByTestId("reporter")).ToContainTextAsync(expectReporter);
            }

            var verify = page.Locator("#verify");
            await verify.Locator("#v-category").SelectOptionAsync("KESEHATAN");
            await verify.Locator("#verify-agency").SelectOptionAsync("DINKES");
            await verify.Locator("button[type=submit]").ClickAsync();
            await Expect(page).ToHaveURLAsync(At("/staff/desk"));
        }, test: nameof(VerifyOnDeskAsync));
    }

    private static ILocator ReportLink(IPage page, string code) =>
        page.GetByTestId("reports").GetByRole(AriaRole.Link, new() { Name = code, Exact = true });
}
