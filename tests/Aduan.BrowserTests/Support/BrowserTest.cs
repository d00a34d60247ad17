using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Aduan.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

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

    protected Task InPageAsync(Func<IPage, Task> journey, bool phone = false, [CallerMemberName] string test = "") =>
        InContextAsync(null, journey, phone, test);

    /// <summary><see cref="InPageAsync(Func{IPage, Task}, bool, string)"/> with more context options, such as a granted geolocation.</summary>
    protected Task InPageAsync(Func<IPage, Task> journey, Action<BrowserNewContextOptions> options, bool phone = false,
        [CallerMemberName] string test = "") =>
        InContextAsync(null, journey, phone, test, options);

    /// <summary>
    /// <see cref="InPageAsync"/> with the user signed in: the first time through the sign-in page (enrolling the
    /// authenticator of a user who needs one), afterwards with the session the fixture kept from then.
    /// The page starts blank, or on the page the sign-in led to.
    /// </summary>
    protected Task AsAsync(StaffLogin user, Func<IPage, Task> journey, bool phone = false, [CallerMemberName] string test = "") =>
        InContextAsync(user, journey, phone, test);

    private async Task InContextAsync(StaffLogin? user, Func<IPage, Task> journey, bool phone, string test,
        Action<BrowserNewContextOptions>? options = null)
    {
        string? session = null;
        if (user is not null)
        {
            App.Sessions.TryGetValue(user.UserName, out session);
        }

        // A phone honours the page's viewport meta tag; a desktop window of the same width would not.
        var contextOptions = new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress,
            Locale = "id-ID",
            ViewportSize = phone ? new() { Width = PhoneWidth, Height = 740 } : new() { Width = 1280, Height = 800 },
            IsMobile = phone,
            HasTouch = phone,
            StorageState = session,
        };
        options?.Invoke(contextOptions);
        await using var context = await App.Browser.NewContextAsync(contextOptions);
        var page = await context.NewPageAsync();
        try
        {
            if (user is not null && session is null)
            {
                await SignInAsync(page, user);
                if (BrowserApp.NeedsAuthenticator(user))
                {
                    await EnrolAuthenticatorAsync(page);
                }
                else
                {
                    await Expect(page).ToHaveURLAsync(At("/staff"));
                }

                App.Sessions[user.UserName] = await context.StorageStateAsync();
            }

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

    /// <summary>Enrols the authenticator of a user whose sign-in has just been sent to do so; returns the shared key.</summary>
    protected static async Task<string> EnrolAuthenticatorAsync(IPage page)
    {
        await Expect(page).ToHaveURLAsync(At("/staff/account/authenticator"));
        var key = await page.GetByTestId("shared-key").InnerTextAsync();
        var enrol = page.Locator("form[action*=Enable]");
        await enrol.Locator("#Code").FillAsync(PageClient.Totp(key));
        await enrol.Locator("button[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        return key;
    }

    /// <summary>The page does not scroll sideways on a phone, and the header and <paramref name="content"/> lie within its width.</summary>
    protected static async Task AssertFitsAsync(IPage page, string content)
    {
        var width = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
        Assert.True(width <= PhoneWidth, $"{page.Url} is {width} px wide: it scrolls sideways on a {PhoneWidth} px phone");
        foreach (var selector in new[] { "header.top", content })
        {
            var box = await page.Locator(selector).BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= PhoneWidth, $"{selector} spans {box.X}..{box.X + box.Width} px");
        }
    }

    /// <summary>A citizen's report sent through the public API, as another app would; returns its tracking code.</summary>
    protected async Task<string> SubmitThroughApiAsync(object report)
    {
        await using var api = await App.ApiRequest.NewContextAsync(new() { BaseURL = App.BaseAddress });
        var response = await api.PostAsync("/api/v1/complaints", new() { DataObject = report });
        Assert.True(response.Status == 201, $"{response.Status}: {await response.TextAsync()}");
        return (await response.JsonAsync())!.Value.GetProperty("trackingCode").GetString()!;
    }

    /// <summary>The desk manager verifies the report on its page and dispatches it to <paramref name="agency"/>: it is published.</summary>
    protected Task VerifyAsync(string code, string category, string agency, bool urgent = false) => AsAsync(BrowserApp.DeskManager, async page =>
    {
        await page.GotoAsync("/staff/reports/" + code);
        var verify = page.Locator("#verify");
        await verify.Locator("#v-category").SelectOptionAsync(category);
        if (urgent)
        {
            await verify.Locator("#v-priority").SelectOptionAsync("Urgent");
        }

        await verify.Locator("#verify-agency").SelectOptionAsync(agency);
        await verify.Locator("button[type=submit]").ClickAsync();

        // The desk then opens the next report waiting, if any.
        await Expect(page.Locator("p.flash")).ToContainTextAsync($"{code} didisposisikan ke {agency}");
    }, test: nameof(VerifyAsync));

    /// <summary>
    /// With ADUAN_SCREENSHOTS=1, what the page shows (the viewport, not the whole page) is saved as
    /// docs/screenshots/<paramref name="name"/>.png for the README; otherwise nothing.
    /// </summary>
    protected static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("ADUAN_SCREENSHOTS") != "1")
        {
            return;
        }

        var directory = Path.Combine(RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(directory, name + ".png"), Type = ScreenshotType.Png });
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
