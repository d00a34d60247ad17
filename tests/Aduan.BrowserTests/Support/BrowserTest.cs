using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Aduan.BrowserTests.Support;

/// <summary>
/// A fresh browser context per journey (Indonesian locale, a 1280×800 desktop or a 360×740 phone),
/// and on failure a full-page screenshot and the page's HTML in artifacts/browser/ under the repository.
/// </summary>
[Collection(SharedBrowser.Name)]
public abstract class BrowserTest(BrowserApp app)
{
    public const string SignInPath = "/staff/account/signin";

    public const int PhoneWidth = 360;

    protected BrowserApp App { get; } = app;

    protected async Task InPageAsync(Func<IPage, Task> journey, bool phone = false, [CallerMemberName] string test = "")
    {
        // A phone honours the page's viewport meta tag; a desktop window of the same width would not.
        await using var context = await App.Browser.NewContextAsync(new()
        {
            BaseURL = App.BaseAddress,
            Locale = "id-ID",
            ViewportSize = phone ? new() { Width = PhoneWidth, Height = 740 } : new() { Width = 1280, Height = 800 },
            IsMobile = phone,
            HasTouch = phone,
        });
        var page = await context.NewPageAsync();
        try
        {
            await journey(page);
        }
        catch
        {
            await SaveArtifactsAsync(page, test);
            throw;
        }
    }

    /// <summary>The address is this path, with or without a query string.</summary>
    protected static Regex At(string path) => new($"^[^?#]+//[^/]+{Regex.Escape(path)}([?#].*)?$", RegexOptions.None, TimeSpan.FromSeconds(1));

    protected static async Task SignInAsync(IPage page, StaffLogin user)
    {
        if (!page.Url.Contains(SignInPath, StringComparison.Ordinal))
        {
            await page.GotoAsync(SignInPath);
        }

        await page.Locator("#UserName").FillAsync(user.UserName);
        await page.Locator("#Password").FillAsync(StaffLogin.Password);
        await page.Locator("main form button[type=submit]").ClickAsync();
    }

    private static async Task SaveArtifactsAsync(IPage page, string test)
    {
        var directory = Path.Combine(RepositoryRoot(), "artifacts", "browser");
        Directory.CreateDirectory(directory);
        try
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(directory, test + ".png"), FullPage = true });
            await File.WriteAllTextAsync(Path.Combine(directory, test + ".html"), await page.ContentAsync());
        }
        catch (PlaywrightException)
        {
            // A crashed page has nothing to show; the test's own failure is what matters.
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Aduan.slnx")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
