using Aduan.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aduan.BrowserTests;

/// <summary>
/// A citizen chooses to be named on the register; later a manager answers their access and erasure
/// request on /staff/privacy: a wrong number, the JSON download, the missing confirmation, the erasure.
/// </summary>
public sealed class PrivacyJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Citizen_ChoosesToBeNamed_ManagerExportsAndErasesTheContactOnRequest()
    {
        var code = "";
        await InPageAsync(async page =>
        {
            await page.GotoAsync("/lapor");
            await page.Locator("#Report_Text").FillAsync("Saluran air di Jalan Cendana tersumbat sampah, air meluap ke rumah warga setiap hujan.");
            await page.Locator("#Report_Location_Kecamatan").SelectOptionAsync("Rawalumbu");
            await page.Locator("#Report_Reporter_Name").FillAsync("Wulan Sari");
            await page.Locator("#Report_Reporter_Phone").FillAsync("0812 5555 8642");
            await page.Locator("#Report_Reporter_PublishName").CheckAsync();

            // Error path: a name is only shown on a public report; the choice stays ticked beside its message.
            await page.GetByTestId("send").ClickAsync();
            await Expect(page.Locator("#error-Report_Reporter_PublishName")).Not.ToBeEmptyAsync();
            await Expect(page.Locator("#Report_Reporter_PublishName")).ToBeCheckedAsync();

            await page.Locator("input[name='Report.Privacy'][value=Public]").CheckAsync();
            await page.GetByTestId("send").ClickAsync();
            code = (await page.GetByTestId("tracking-code").InnerTextAsync()).Trim();
        }, phone: true);

        foreach (var phone in new[] { true, false })
        {
            await AsAsync(BrowserApp.DeskManager, async page =>
            {
                await page.GotoAsync("/staff/privacy");
                if (phone)
                {
                    await AssertFitsAsync(page, "main");
                }

                await page.Locator("#Subject").FillAsync("nomor salah");
                await page.Locator("[data-testid=privacy-find] button[type=submit]").ClickAsync();
                await Expect(page.Locator("#error-Subject")).Not.ToBeEmptyAsync();

                await page.Locator("#Subject").FillAsync("+62 812-5555-8642");
                await page.Locator("[data-testid=privacy-find] button[type=submit]").ClickAsync();
                if (!phone)
                {
                    await Expect(page.GetByTestId("empty")).ToBeVisibleAsync(); // erased in the first pass
                    return;
                }

                await Expect(page.GetByTestId("held-" + code)).ToContainTextAsync("Wulan Sari");
                await AssertFitsAsync(page, "main");
                var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export").ClickAsync());
                var json = await File.ReadAllTextAsync((await download.PathAsync())!);
                Assert.Contains("+6281255558642", json, StringComparison.Ordinal);
                Assert.Contains(code, json, StringComparison.Ordinal);

                page.Dialog += (_, dialog) => dialog.AcceptAsync();
                await page.GetByTestId("erase").ClickAsync();
                await Expect(page.Locator("#error-Confirmed")).Not.ToBeEmptyAsync();
                await page.Locator("#Confirmed").CheckAsync();
                await page.GetByTestId("erase").ClickAsync();
                await Expect(page.Locator("main")).ToContainTextAsync(code);
            }, phone: phone, test: nameof(Citizen_ChoosesToBeNamed_ManagerExportsAndErasesTheContactOnRequest) + (phone ? "-Phone" : "-Wide"));
        }
    }
}
