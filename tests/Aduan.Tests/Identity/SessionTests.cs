using System.Net;
using Aduan.Identity;
using Aduan.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Identity;

/// <summary>A session ends when it should: sign-out, a new password, a new role, the absolute lifetime.</summary>
public sealed class SessionTests : IAsyncLifetime
{
    private static readonly Uri Base = new("http://localhost");
    private readonly AduanFactory _app = AduanFactory.With(("Aduan:SessionLifetime", "00:30:00"));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A browser whose cookies the test can read, as an attacker who copied them could.</summary>
    private (PageClient Browser, CookieContainer Cookies) Browser()
    {
        var cookies = new CookieContainer();
        return (new PageClient(_app.CreateDefaultClient(Base, new RedirectHandler(), new CookieContainerHandler(cookies))), cookies);
    }

    /// <summary>The workspace home with only the given cookie header: the status, and where a redirect goes.</summary>
    private async Task<(HttpStatusCode Status, string? Location)> ReplayAsync(string cookieHeader)
    {
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/staff");
        request.Headers.Add("Cookie", cookieHeader);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task SavedCookie_AfterSignOut_IsRefused()
    {
        var (browser, cookies) = Browser();
        using var _ = browser;
        await browser.SignInAsync(await _app.CreateUserAsync(Roles.Operator));
        var saved = cookies.GetCookieHeader(new Uri(Base, "/staff"));
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(saved)).Status);

        var page = await browser.GetAsync("/staff");
        await browser.SubmitAsync(page, "form.signout", []);

        var (status, location) = await ReplayAsync(saved);
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Contains("/staff/account/signin", location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cookie_OlderThanTheSessionLifetime_IsRefusedEvenWhileActive()
    {
        var (browser, _) = Browser();
        using var __ = browser;
        await browser.SignInAsync(await _app.CreateUserAsync(Roles.Operator));

        _app.Time.Advance(TimeSpan.FromMinutes(20));
        await browser.GetAsync("/staff");
        Assert.Equal("/staff", browser.Address!.AbsolutePath);
        _app.Time.Advance(TimeSpan.FromMinutes(20));
        await browser.GetAsync("/staff");

        Assert.Equal("/staff/account/signin", browser.Address!.AbsolutePath);
    }

    [Fact]
    public async Task Cookie_RefreshedByTheAuthenticatorPage_KeepsItsAbsoluteLifetime()
    {
        var (browser, _) = Browser();
        using var __ = browser;
        await browser.SignInAsync(await _app.CreateUserAsync(Roles.Operator));

        _app.Time.Advance(TimeSpan.FromMinutes(20));
        await browser.GetAsync("/staff/account/authenticator"); // makes a key and refreshes the sign-in
        Assert.Equal("/staff/account/authenticator", browser.Address!.AbsolutePath);
        _app.Time.Advance(TimeSpan.FromMinutes(20));
        await browser.GetAsync("/staff");

        Assert.Equal("/staff/account/signin", browser.Address!.AbsolutePath);
    }

    [Fact]
    public async Task AuthenticatorReset_WithOnlyTheSession_IsRefused_WithACurrentCodeIsDone()
    {
        var name = await _app.CreateUserAsync(Roles.Manager);
        var (browser, _) = Browser();
        using var __ = browser;
        await browser.SignInAsync(name);
        var page = await browser.GetAsync("/staff/account/authenticator");
        var key = page.QuerySelector("[data-testid=shared-key]")!.TextContent;
        page = await browser.SubmitAsync(page, "form[action*=Enable]", new() { ["Code"] = PageClient.Totp(key) });
        page = await browser.GetAsync("/staff/account/authenticator");

        var withoutCode = await browser.SubmitAsync(page, "[data-testid=authenticator-change]", [], button: "[data-testid=reset]");
        Assert.False(string.IsNullOrWhiteSpace(withoutCode.QuerySelector("#error-CurrentCode")?.TextContent), PageClient.Text(withoutCode));
        var wrongCode = await browser.SubmitAsync(page, "[data-testid=authenticator-change]", new() { ["CurrentCode"] = "000000" }, button: "[data-testid=reset]");
        Assert.NotNull(wrongCode.QuerySelector("#error-CurrentCode"));
        Assert.True(await TwoFactorEnabledAsync(name));

        await browser.SubmitAsync(page, "[data-testid=authenticator-change]", new() { ["CurrentCode"] = PageClient.Totp(key, stepsAhead: 1) }, button: "[data-testid=reset]");

        Assert.False(await TwoFactorEnabledAsync(name));
    }

    [Fact]
    public async Task AuthenticatorCode_GuessedWithOnlyTheSession_IsSlowedDown_EvenTheRightOneWaits()
    {
        var name = await _app.CreateUserAsync(Roles.Manager);
        var (browser, _) = Browser();
        using var __ = browser;
        await browser.SignInAsync(name);
        var page = await browser.GetAsync("/staff/account/authenticator");
        var key = page.QuerySelector("[data-testid=shared-key]")!.TextContent;
        await browser.SubmitAsync(page, "form[action*=Enable]", new() { ["Code"] = PageClient.Totp(key) });
        page = await browser.GetAsync("/staff/account/authenticator");

        for (var i = 0; i < 4; i++)
        {
            await browser.SubmitAsync(page, "[data-testid=authenticator-change]", new() { ["CurrentCode"] = "00000" + i }, button: "[data-testid=reset]");
        }

        var right = await browser.SubmitAsync(page, "[data-testid=authenticator-change]", new() { ["CurrentCode"] = PageClient.Totp(key, stepsAhead: 1) },
            button: "[data-testid=reset]");

        Assert.Contains("detik", right.QuerySelector("#error-CurrentCode")!.TextContent, StringComparison.Ordinal);
        Assert.True(await TwoFactorEnabledAsync(name));
    }

    private async Task<bool> TwoFactorEnabledAsync(string name)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByNameAsync(name))!.TwoFactorEnabled;
    }

    [Fact]
    public async Task Token_AfterAnAdminSetsANewPassword_401()
    {
        var name = await _app.CreateUserAsync(Roles.Manager);
        using var api = _app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", await AduanFactory.LoginAsync(api, name));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/auth/me")).StatusCode);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
            var user = (await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByNameAsync(name))!;
            Assert.True((await accounts.SetPasswordAsync(user, "Kata-Sandi-Baru-456", "admin", null)).Succeeded);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/staff/complaints")).StatusCode);
    }

    [Fact]
    public async Task Token_AfterLogout_401AndOtherSessionsToo()
    {
        var name = await _app.CreateUserAsync(Roles.Manager);
        using var api = _app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", await AduanFactory.LoginAsync(api, name));
        using var other = _app.CreateClient();
        other.DefaultRequestHeaders.Authorization = new("Bearer", await AduanFactory.LoginAsync(other, name));

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/v1/auth/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/v1/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Token_AfterAnAdminMovesTheUserToAnotherAgency_401()
    {
        var name = await _app.CreateUserAsync(Roles.AgencyOfficer, "DINKES");
        using var api = _app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", await AduanFactory.LoginAsync(api, name));

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
            var user = (await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByNameAsync(name))!;
            var assignment = await accounts.CheckAsync(Roles.AgencyOfficer, "DBMSDA", CancellationToken.None);
            Assert.True((await accounts.UpdateAsync(user, "Petugas pindah", assignment.Assignment!, "admin", null, CancellationToken.None)).Succeeded);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/staff/complaints")).StatusCode);
    }
}
