using System.Net;
using System.Net.Http.Json;
using System.Net.Http.Headers;
using Aduan.Complaints;
using Aduan.Identity;
using Aduan.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Web;

/// <summary>Caching and transport headers: what carries a reporter's or staff data is never stored; HTTPS answers pin HTTPS.</summary>
public sealed class SecurityHeadersTests : IAsyncLifetime
{
    private readonly AduanFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static bool NoStore(HttpResponseMessage response) => response.Headers.CacheControl?.NoStore == true;

    [Fact]
    public async Task ReporterStatus_WithKey_IsNoStore()
    {
        using var http = _app.CreateClient();
        var created = await http.SubmitAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/complaints/{created.TrackingCode}").WithReporterKey(created.ReporterKey);

        using var response = await http.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode);
        Assert.True(NoStore(response), response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task ReporterReply_WithKey_IsNoStore()
    {
        using var http = _app.CreateClient();
        var created = await http.SubmitAsync();

        using var response = await http.PostAsReporterAsync($"/api/v1/complaints/{created.TrackingCode}/replies", created.ReporterKey,
            new { text = "Lubangnya di depan gerbang sekolah." });

        Assert.True(NoStore(response), $"{response.StatusCode} {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task NewReport_AnswerCarryingTheReporterKey_IsNoStore_OnTheApiAndTheForm()
    {
        using var http = _app.CreateClient();
        using var api = await http.PostAsJsonAsync("/api/v1/complaints", TestApi.Report());
        using var browser = PageClient.For(_app);
        var form = await browser.GetAsync("/lapor");
        var token = form.QuerySelector("input[name=__af]")!.GetAttribute("value")!;

        using var page = await browser.Http.PostAsync("/lapor", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__af"] = token, ["Report.Text"] = "Lampu jalan di depan pasar mati sejak tiga hari yang lalu.", ["Report.Confirmed"] = "true",
        }));

        Assert.Equal(HttpStatusCode.Created, api.StatusCode);
        Assert.True(NoStore(api), api.Headers.CacheControl?.ToString());
        Assert.Contains("data-testid=\"tracking-code\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(NoStore(page), page.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("/error/200")]
    [InlineData("/error/0")]
    [InlineData("/error/-1")]
    [InlineData("/error/1000")]
    [InlineData("/error/99999999999999999999")]
    public async Task ErrorPage_ForANumberThatIsNoError_Is404(string path)
    {
        using var http = _app.CreateClient();

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TrackingPage_WithKey_IsNoStore()
    {
        using var http = _app.CreateClient();
        var created = await http.SubmitAsync();

        using var response = await http.GetAsync($"/lacak/{created.TrackingCode}?kunci={Uri.EscapeDataString(created.ReporterKey)}");

        Assert.True(response.IsSuccessStatusCode);
        Assert.True(NoStore(response), response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task EveryStaffAndAdminApiEndpoint_WithToken_IsNoStore()
    {
        var created = await _app.CreateClient().SubmitAsync();
        var name = await _app.CreateUserAsync(Roles.Manager);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            foreach (var role in Roles.All.Where(r => r != Roles.Manager))
            {
                if (!await roles.RoleExistsAsync(role))
                {
                    await roles.CreateAsync(new IdentityRole(role));
                }

                await users.AddToRoleAsync((await users.FindByNameAsync(name))!, role);
            }
        }

        using var http = _app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await AduanFactory.LoginAsync(http, name));
        var endpoints = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api/v1/staff", StringComparison.Ordinal)
                || raw.StartsWith("/api/v1/admin", StringComparison.Ordinal) || raw.StartsWith("/api/v1/auth/me", StringComparison.Ordinal)))
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .ToList();
        var cached = new List<string>();

        foreach (var endpoint in endpoints)
        {
            var url = endpoint.RoutePattern.RawText!.Replace("{trackingCode}", created.TrackingCode, StringComparison.Ordinal)
                .Replace("{code}", "DBMSDA", StringComparison.Ordinal);
            using var response = await http.GetAsync(url);
            if (!NoStore(response))
            {
                cached.Add($"{url}: {(int)response.StatusCode} {response.Headers.CacheControl}");
            }
        }

        Assert.True(endpoints.Count >= 5, $"only {endpoints.Count} endpoints");
        Assert.True(cached.Count == 0, "Cacheable:\n" + string.Join("\n", cached));
    }

    [Fact]
    public async Task Feed_Public_StaysCacheable()
    {
        using var http = _app.CreateClient();

        using var response = await http.GetAsync("/instansi/dbmsda/feed.json");

        Assert.True(response.Headers.CacheControl?.Public);
    }

    [Fact]
    public async Task Hsts_OverHttpsOnly()
    {
        using var https = _app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://aduan.bekasikota.go.id/") });
        using var http = _app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://aduan.bekasikota.go.id/") });

        using var secure = await https.GetAsync("/");
        using var plain = await http.GetAsync("/");

        Assert.Equal("max-age=31536000", Assert.Single(secure.Headers.GetValues("Strict-Transport-Security")));
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }
}
