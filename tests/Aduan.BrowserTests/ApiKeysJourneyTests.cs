using Aduan.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace Aduan.BrowserTests;

/// <summary>An admin on a phone gives FixMyStreet a key, copies it from the one page that shows it, and later revokes it.</summary>
public sealed class ApiKeysJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Admin_OnAPhone_CreatesAKeySeenOnceThenRevokesItAfterConfirming()
    {
        await AsAsync(BrowserApp.Admin, async page =>
        {
            await page.GotoAsync("/admin/apikeys");
            await page.Locator("#Name").FillAsync("fixmystreet-ponsel");
            await page.Locator("[data-testid=create-form] button[type=submit]").ClickAsync();

            await Expect(page.GetByTestId("secret")).ToContainTextAsync("aduan_");
            await AssertFitsAsync(page, "main");
            await ScreenshotAsync(page, "admin-apikeys-created");

            await page.GetByTestId("key-fixmystreet-ponsel").GetByRole(Microsoft.Playwright.AriaRole.Link).ClickAsync();
            await Expect(page.GetByTestId("confirm-revoke")).ToContainTextAsync("fixmystreet-ponsel");
            await AssertFitsAsync(page, "main");
            await page.GetByTestId("confirm-revoke").Locator("button[type=submit]").ClickAsync();

            await Expect(page.GetByTestId("key-fixmystreet-ponsel")).ToContainTextAsync("Dicabut");
            await Expect(page.GetByTestId("secret")).ToHaveCountAsync(0);
        }, phone: true);
    }
}
