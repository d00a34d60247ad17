using Aduan.BrowserTests.Support;
using Aduan.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Aduan.BrowserTests;

public sealed class SignInJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public Task Staff_Anonymous_SignInLeadsToHomeWithTheOperatorsName() => InPageAsync(async page =>
    {
        await page.GotoAsync("/staff");
        await Expect(page).ToHaveURLAsync(At(SignInPath));

        await SignInAsync(page, BrowserApp.Operator);

        await Expect(page).ToHaveURLAsync(At("/staff"));
        await Expect(page.Locator("main h1")).ToContainTextAsync(BrowserApp.Operator.DisplayName);
        await Expect(page.Locator("header .who")).ToContainTextAsync(BrowserApp.Operator.DisplayName);
    });

    [Fact]
    public Task SignIn_Manager_EnrolsTheAuthenticatorAndThenNeedsTheCode() => InPageAsync(async page =>
    {
        await SignInAsync(page, BrowserApp.Manager);
        var key = await EnrolAuthenticatorAsync(page);

        await page.Locator("form.signout button").ClickAsync();
        await Expect(page).ToHaveURLAsync(At(SignInPath));
        await SignInAsync(page, BrowserApp.Manager);
        await Expect(page).ToHaveURLAsync(At("/staff/account/secondfactor"));

        var code = PageClient.Totp(key);
        await page.Locator("#Code").FillAsync(WrongCode(code));
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(page.Locator(".field:has(#Code) .error")).ToContainTextAsync("Kode salah");
        await Expect(page).ToHaveURLAsync(At("/staff/account/secondfactor"));

        await page.Locator("#Code").FillAsync(PageClient.Totp(key, stepsAhead: 1)); // the current code was used to enrol
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(At("/staff"));
        await Expect(page.Locator("main h1")).ToContainTextAsync(BrowserApp.Manager.DisplayName);
    });

    [Fact]
    public Task Admin_AgencyOfficer_GetsTheForbiddenPage() => InPageAsync(async page =>
    {
        await SignInAsync(page, BrowserApp.Officer);
        await Expect(page).ToHaveURLAsync(At("/staff"));

        var response = await page.GotoAsync("/admin");

        Assert.Equal(403, response?.Status);
        await Expect(page).ToHaveURLAsync(At("/admin"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Akses ditolak");
        await Expect(page.Locator("main a[href='/staff']")).ToBeVisibleAsync();
    });

    /// <summary>Every digit changed, so no code of a neighbouring time step is hit by chance either.</summary>
    private static string WrongCode(string code) => string.Concat(code.Select(c => (char)('0' + ((c - '0' + 5) % 10))));
}
