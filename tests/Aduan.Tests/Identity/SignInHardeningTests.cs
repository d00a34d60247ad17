using System.Net;
using System.Net.Http.Json;
using Aduan.Identity;
using Aduan.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Identity;

/// <summary>Sign-in that cannot be used to lock the owner out, to list user names, or to replay a code.</summary>
public sealed class SignInHardeningTests : IAsyncLifetime
{
    private const string AddressHeader = "X-Test-Client-Address";
    private readonly CountingHasher _hasher = new();
    private readonly AduanFactory _app;

    public SignInHardeningTests()
    {
        _app = new AduanFactory
        {
            TestServices = s =>
            {
                s.AddSingleton<IStartupFilter>(new ClientAddressFromHeader());
                s.AddSingleton<IPasswordHasher<StaffUser>>(_hasher);
            },
        };
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpResponseMessage> LoginAsync(string address, string userName, string password)
    {
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        return await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password });
    }

    [Fact]
    public async Task WrongPasswords_FromOneAddress_SlowThatAddressDownButNotTheOwnerElsewhere()
    {
        var admin = await _app.CreateUserAsync(Roles.Operator);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync("203.0.113.9", admin, "tebak-tebakan-" + i)).StatusCode);
        }

        var throttled = await LoginAsync("203.0.113.9", admin, AduanFactory.Password);
        var owner = await LoginAsync("198.51.100.7", admin, AduanFactory.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        _app.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync("203.0.113.9", admin, AduanFactory.Password)).StatusCode);
    }

    [Fact]
    public async Task WrongPasswords_FromManyAddresses_SlowTheAccountBrieflyButNeverLockIt()
    {
        var admin = await _app.CreateUserAsync(Roles.Operator);
        for (var i = 0; i < 12; i++)
        {
            await LoginAsync($"203.0.113.{i + 1}", admin, "salah-salah-salah");
        }

        var waiting = await LoginAsync("198.51.100.7", admin, AduanFactory.Password);
        _app.Time.Advance(TimeSpan.FromSeconds(31)); // the account-wide wait is short by design
        var later = await LoginAsync("198.51.100.7", admin, AduanFactory.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, waiting.StatusCode);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        var user = await _app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users, u => u.UserName == admin));
        Assert.Equal((0, (DateTimeOffset?)null), (user.AccessFailedCount, user.LockoutEnd));
    }

    [Fact]
    public async Task UnknownUserName_CostsTheSamePasswordHashingAsAKnownOne()
    {
        var known = await _app.CreateUserAsync(Roles.Operator);
        var before = _hasher.Verifications;
        await LoginAsync("192.0.2.1", known, "salah-salah-salah");
        var forKnown = _hasher.Verifications - before;

        before = _hasher.Verifications;
        await LoginAsync("192.0.2.2", "tidak-ada-" + Guid.NewGuid().ToString("N"), "salah-salah-salah");

        Assert.Equal(1, forKnown);
        Assert.Equal(forKnown, _hasher.Verifications - before);
    }

    [Fact]
    public async Task AuthenticatorCode_UsedOnce_IsRefusedTheSecondTime()
    {
        var name = await _app.CreateUserAsync(Roles.Operator);
        using var browser = PageClient.For(_app);
        await browser.SignInAsync(name);
        var page = await browser.GetAsync("/staff/account/authenticator");
        var key = page.QuerySelector("[data-testid=shared-key]")!.TextContent;
        await browser.SubmitAsync(page, "form[action*=Enable]", new() { ["Code"] = PageClient.Totp(key) });
        var code = PageClient.Totp(key, stepsAhead: 1);

        using var first = PageClient.For(_app);
        page = await first.SignInAsync(name);
        await first.SubmitAsync(page, "form", new() { ["Code"] = code });
        using var second = PageClient.For(_app);
        page = await second.SignInAsync(name);
        page = await second.SubmitAsync(page, "form", new() { ["Code"] = code });

        Assert.Equal("/staff", first.Address!.AbsolutePath);
        Assert.Equal("/staff/account/secondfactor", second.Address!.AbsolutePath);
        Assert.Contains("Kode salah", PageClient.Text(page), StringComparison.Ordinal);
    }

    /// <summary>Lets a test say which address a request comes from (the test server has none).</summary>
    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[AddressHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private sealed class CountingHasher : IPasswordHasher<StaffUser>
    {
        private readonly PasswordHasher<StaffUser> _inner = new();
        private int _verifications;

        public int Verifications => _verifications;

        public string HashPassword(StaffUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
