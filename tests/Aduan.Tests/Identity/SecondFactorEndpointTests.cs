using System.Net;
using System.Net.Http.Headers;
using Aduan.Attachments;
using Aduan.Complaints;
using Aduan.Identity;
using Aduan.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Identity;

/// <summary>
/// The second factor on every staff endpoint, found by enumerating the app's endpoints: whatever is
/// mapped under /staff, /admin, /api/v1/staff or /api/v1/admin (pages, minimal endpoints, the API)
/// refuses a signed-in user who must enrol and has not, with a cookie or with a token.
/// </summary>
public sealed class SecondFactorEndpointTests : IAsyncLifetime
{
    private static readonly string[] StaffPrefixes = ["/staff", "/admin", "/api/v1/staff", "/api/v1/admin"];

    /// <summary>Signing in and enrolling: the one place such a user must reach.</summary>
    private const string EnrolmentPrefix = "/staff/account";

    private readonly AduanFactory _app = AduanFactory.With(("Aduan:TwoFactor:RequiredFor", "Admin,Manager"));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Every staff route of the app, as mapped (method and pattern).</summary>
    private List<(string Method, RouteEndpoint Endpoint)> StaffEndpoints() =>
        _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => StaffPrefixes.Any(p => Route(e).StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, e)))
            .ToList();

    private static string Route(RouteEndpoint e) => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');

    /// <summary>The route with each parameter filled in: a real report and photo where the route names one, something well-formed elsewhere.</summary>
    private static string Fill(RouteEndpoint e, string code, string photo)
    {
        var path = Route(e);
        foreach (var parameter in e.RoutePattern.Parameters)
        {
            var value = parameter.Name switch
            {
                "code" or "trackingCode" => code,
                "photo" => photo,
                "date" => "2026-06-17",
                _ when parameter.ParameterPolicies.Any(p => p.Content is "long" or "int") => "1",
                _ => "x",
            };
            var start = path.IndexOf("{" + parameter.Name, StringComparison.Ordinal);
            var end = path.IndexOf('}', start);
            path = path[..start] + value + path[(end + 1)..];
        }

        return path;
    }

    /// <summary>
    /// A manager who holds every other role too (so that no role check refuses first), with a token
    /// issued while they were only an operator, before any of their roles needed a second factor.
    /// </summary>
    private async Task<(HttpClient Cookie, HttpClient Token)> UnenrolledAsync()
    {
        var name = await _app.CreateUserAsync(Roles.Operator);
        var token = _app.CreateClient();
        token.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await AduanFactory.LoginAsync(token, name));
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            var user = (await users.FindByNameAsync(name))!;
            foreach (var role in Roles.All)
            {
                if (!await roles.RoleExistsAsync(role))
                {
                    await roles.CreateAsync(new IdentityRole(role));
                }
            }

            await users.AddToRolesAsync(user, Roles.All.Where(r => r != Roles.Operator));
        }

        // Signed in with the password alone, as the sign-in page allows before enrolment; redirects are not followed.
        var cookie = new PageClient(_app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        await cookie.SignInAsync(name);
        return (cookie.Http, token);
    }

    [Fact]
    public async Task EveryStaffEndpoint_UserWhoMustEnrolButHasNot_IsSentToEnrolOrRefused403()
    {
        var (cookie, token) = await UnenrolledAsync();
        using var api = await _app.StaffClientAsync(Roles.Operator);
        var code = (await api.SubmitAsync()).TrackingCode;
        var photo = await _app.WithDbAsync(async db =>
        {
            var attachment = new Attachment
            {
                ComplaintId = await db.Complaints.Where(c => c.TrackingCode == code).Select(c => c.Id).SingleAsync(), EventSequence = 1,
                Visibility = EventVisibility.Reporter, FileName = "bukti.jpg", ContentType = "image/jpeg", Sha256 = new string('a', 64),
                Content = [0xFF, 0xD8, 0xFF, 0xD9], UploadedAt = AduanFactory.Start,
            };
            db.Attachments.Add(attachment);
            await db.SaveChangesAsync();
            return attachment.PublicId;
        });
        var endpoints = StaffEndpoints();
        var failures = new List<string>();

        // The sign-in and enrolment pages are exempt by their metadata (a user who must enrol opens them);
        // every other endpoint, the account's notification settings included, must refuse.
        var exempt = endpoints.Where(e => e.Endpoint.Metadata.GetMetadata<AllowWithoutSecondFactorAttribute>() is not null).ToList();
        Assert.All(exempt, e => Assert.StartsWith(EnrolmentPrefix, Route(e.Endpoint), StringComparison.OrdinalIgnoreCase));
        Assert.Contains(endpoints.Except(exempt), e => Route(e.Endpoint).StartsWith("/staff/account/notifications", StringComparison.OrdinalIgnoreCase));
        foreach (var (method, endpoint) in endpoints.Except(exempt))
        {
            var url = Fill(endpoint, code, photo);
            var isApi = url.StartsWith("/api/", StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method is "POST" or "PUT" or "PATCH")
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await (isApi ? token : cookie).SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var refused = isApi
                ? response.StatusCode == HttpStatusCode.Forbidden && body.Contains("second-factor-required", StringComparison.Ordinal)
                : response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == "/staff/account/authenticator";
            if (!refused)
            {
                failures.Add($"{method} {url} ({endpoint.DisplayName}): {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        Assert.Contains(endpoints, e => Route(e.Endpoint).StartsWith("/staff/attachments/", StringComparison.Ordinal));
        Assert.True(endpoints.Count > 30, $"only {endpoints.Count} staff endpoints found");
        Assert.True(failures.Count == 0, "Not refused:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task Enrolment_UserWhoMustEnrol_CanStillOpenIt()
    {
        var (cookie, _) = await UnenrolledAsync();

        using var response = await cookie.GetAsync("/staff/account/authenticator");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
