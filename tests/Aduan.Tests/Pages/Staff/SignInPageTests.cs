using System.Net;
using System.Net.Http.Json;
using Aduan.Identity;
using Aduan.Tests.Support;

namespace Aduan.Tests.Pages.Staff;

public sealed class SignInPageTests : IAsyncLifetime
{
    private readonly AduanFactory _app = AduanFactory.With(("Aduan:TwoFactor:RequiredFor", "Admin,Manager"));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_the_sign_in_page_and_back_after_signing_in()
    {
        var name = await _app.CreateUserAsync(Roles.Operator);
        using var browser = PageClient.For(_app);

        var page = await browser.GetAsync("/staff/account");
        Assert.Equal("/staff/account/signin", browser.Address!.AbsolutePath);

        page = await browser.SubmitAsync(page, "form", new() { ["UserName"] = name, ["Password"] = AduanFactory.Password });
        Assert.Equal("/staff/account", browser.Address!.AbsolutePath);
        Assert.Contains("Petugas " + name, PageClient.Text(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_re_displays_the_form_with_a_message_and_no_session()
    {
        var name = await _app.CreateUserAsync(Roles.Operator);
        using var browser = PageClient.For(_app);

        var page = await browser.SignInAsync(name, "salah-sekali-123");

        Assert.Equal(HttpStatusCode.OK, browser.Status);
        Assert.Contains("Nama pengguna atau kata sandi salah", PageClient.Text(page), StringComparison.Ordinal);
        await browser.GetAsync("/staff");
        Assert.Equal("/staff/account/signin", browser.Address!.AbsolutePath);
    }

    [Fact]
    public async Task A_signed_in_user_without_the_role_gets_403_and_can_sign_out()
    {
        using var browser = await PageClient.SignedInAsync(_app, Roles.AgencyOfficer, "DINKES");

        var page = await browser.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Forbidden, browser.Status);
        Assert.Equal("Akses ditolak", page.QuerySelector("main h1")?.TextContent);

        page = await browser.GetAsync("/staff");
        var after = await browser.SubmitAsync(page, "form.signout", []);
        Assert.True(browser.Address!.AbsolutePath == "/staff/account/signin", browser.Status + " " + browser.Address + PageClient.Text(after));
        await browser.GetAsync("/staff");
        Assert.Equal("/staff/account/signin", browser.Address!.AbsolutePath);
    }

    [Fact]
    public async Task A_post_without_the_anti_forgery_token_is_refused()
    {
        var name = await _app.CreateUserAsync(Roles.Operator);
        using var browser = PageClient.For(_app);
        await browser.GetAsync("/staff/account/signin");

        using var response = await browser.Http.PostAsync("/staff/account/signin",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = name, ["Password"] = AduanFactory.Password }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_manager_must_enrol_a_second_factor_and_then_needs_it_to_sign_in()
    {
        var name = await _app.CreateUserAsync(Roles.Manager);
        using var browser = PageClient.For(_app);

        // Signed in with the password alone, every page leads to the enrolment page.
        await browser.SignInAsync(name);
        var page = await browser.GetAsync("/staff");
        Assert.Equal("/staff/account/authenticator", browser.Address!.AbsolutePath);
        var key = page.QuerySelector("[data-testid=shared-key]")!.TextContent;
        Assert.NotNull(page.QuerySelector(".qr svg"));

        page = await browser.SubmitAsync(page, "form[action*=Enable]", new() { ["Code"] = "000000" });
        Assert.Contains("Kode salah", PageClient.Text(page), StringComparison.Ordinal);
        page = await browser.SubmitAsync(page, "form[action*=Enable]", new() { ["Code"] = PageClient.Totp(key) });
        Assert.Equal(10, page.QuerySelectorAll("[data-testid=recovery-codes] li").Length);
        var recovery = page.QuerySelector("[data-testid=recovery-codes] li code")!.TextContent;

        // Now the desk opens; after signing out, the password alone is not enough.
        await browser.GetAsync("/staff");
        Assert.Equal("/staff", browser.Address!.AbsolutePath);
        page = await browser.GetAsync("/staff");
        await browser.SubmitAsync(page, "form.signout", []);
        page = await browser.SignInAsync(name);
        Assert.Equal("/staff/account/secondfactor", browser.Address!.AbsolutePath);
        page = await browser.SubmitAsync(page, "form", new() { ["Code"] = "123456" });
        Assert.Contains("Kode salah", PageClient.Text(page), StringComparison.Ordinal);
        await browser.SubmitAsync(page, "form", new() { ["Code"] = PageClient.Totp(key, stepsAhead: 1) });
        Assert.Equal("/staff", browser.Address!.AbsolutePath);

        // A recovery code works once.
        using var other = PageClient.For(_app);
        page = await other.SignInAsync(name);
        page = await other.GetAsync("/staff/account/recovery");
        await other.SubmitAsync(page, "form", new() { ["Code"] = recovery });
        Assert.Equal("/staff", other.Address!.AbsolutePath);
        using var third = PageClient.For(_app);
        await third.SignInAsync(name);
        page = await third.GetAsync("/staff/account/recovery");
        page = await third.SubmitAsync(page, "form", new() { ["Code"] = recovery });
        Assert.Contains("sudah dipakai", PageClient.Text(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_refuses_a_token_to_a_manager_without_second_factor_and_asks_for_the_code_once_enrolled()
    {
        var name = await _app.CreateUserAsync(Roles.Manager);
        using var api = _app.CreateClient();

        var refused = await api.PostAsJsonAsync("/api/v1/auth/login", new { userName = name, password = AduanFactory.Password });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("second-factor-required", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var browser = PageClient.For(_app);
        await browser.SignInAsync(name);
        var page = await browser.GetAsync("/staff/account/authenticator");
        var key = page.QuerySelector("[data-testid=shared-key]")!.TextContent;
        await browser.SubmitAsync(page, "form[action*=Enable]", new() { ["Code"] = PageClient.Totp(key) });

        var noCode = await api.PostAsJsonAsync("/api/v1/auth/login", new { userName = name, password = AduanFactory.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, noCode.StatusCode);
        Assert.Contains("twoFactorCode", await noCode.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var withCode = await api.PostAsJsonAsync("/api/v1/auth/login",
            new { userName = name, password = AduanFactory.Password, twoFactorCode = PageClient.Totp(key, stepsAhead: 1) });
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
    }
}
