using Aduan.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace Aduan.BrowserTests;

public sealed class LayoutAndKeyboardTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public Task SignIn_PhoneWidth_FormAndHeaderFitWithoutHorizontalScrolling() => InPageAsync(async page =>
    {
        await page.GotoAsync(SignInPath);

        // The stylesheet is served (the header takes the accent colour), so the layout is the real one.
        await Expect(page.Locator("header.top")).ToHaveCSSAsync("background-color", "rgb(11, 83, 148)");
        await AssertFitsAsync(page, "main form");

        await SignInAsync(page, BrowserApp.Operator);
        await Expect(page).ToHaveURLAsync(At("/staff"));
        await AssertFitsAsync(page, "main .cards");
    }, phone: true);

    [Fact]
    public Task SignIn_KeyboardOnly_UserNameHasFocusAndSkipLinkComesFirst() => InPageAsync(async page =>
    {
        await page.GotoAsync(SignInPath);
        await Expect(page.Locator("#UserName")).ToBeFocusedAsync();

        await page.Keyboard.TypeAsync(BrowserApp.Operator.UserName);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(StaffLogin.Password);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(At("/staff"));

        // A fresh page without autofocus: the first Tab from the top reaches the skip link, shown on focus.
        await page.Keyboard.PressAsync("Tab");
        var skip = page.Locator("a.skip");
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();

        // Following it skips the header's links: the next Tab lands on the page's first link.
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("main .cards a").First).ToBeFocusedAsync();
    });
}
