using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Aduan.Tests.Support;

namespace Aduan.Tests.Infrastructure;

public sealed class PlatformTests(AduanFactory factory) : IClassFixture<AduanFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_Endpoints_AreHealthy(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_DocumentDescribesEveryEndpoint()
    {
        var doc = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/complaints", paths);
        Assert.Contains("/api/v1/complaints/{trackingCode}", paths);
        Assert.Contains("/api/v1/complaints/{trackingCode}/replies", paths);
        Assert.Contains("/api/v1/complaints/{trackingCode}/feedback", paths);
        Assert.Contains("/api/v1/auth/login", paths);
        Assert.Contains("/api/v1/staff/complaints", paths);
        Assert.Contains("/api/v1/staff/complaints/{trackingCode}", paths);
        Assert.Contains("/api/v1/staff/complaints/{trackingCode}/transitions", paths);
        Assert.True(doc.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("Bearer", out _));
    }

    [Fact]
    public async Task ApiReference_PageIsServed()
    {
        var response = await _client.GetAsync("/docs/api");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Aduan API", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reference_ListsSeededAgenciesAndCategories()
    {
        var agencies = JsonDocument.Parse(await _client.GetStringAsync("/api/v1/agencies")).RootElement;
        var categories = JsonDocument.Parse(await _client.GetStringAsync("/api/v1/categories")).RootElement;

        Assert.Equal(42, agencies.GetArrayLength());
        Assert.Equal(27, categories.GetArrayLength());
        var jalan = categories.EnumerateArray().Single(c => c.GetProperty("code").GetString() == "JALAN");
        Assert.Equal("DBMSDA", jalan.GetProperty("defaultAgency").GetString());
        Assert.Equal("NonSupervisory", jalan.GetProperty("tier").GetString());
    }

    [Fact]
    public async Task Unauthorized_StaffRequest_GetsLocalizedProblem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/staff/complaints");
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));

        var id = await (await _client.GetAsync("/api/v1/staff/complaints")).ProblemAsync(HttpStatusCode.Unauthorized);
        var en = await (await _client.SendAsync(request)).ProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal("Perlu masuk", id.GetProperty("title").GetString());
        Assert.Equal("Sign-in required", en.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Login_WrongPasswords_ThrottledAlikeForKnownAndUnknownNamesAndNeverLocked()
    {
        await factory.StaffClientAsync("Manager", userName: "kunci-uji");
        HttpResponseMessage known = null!, unknown = null!;
        for (var i = 0; i < 6; i++)
        {
            known = await _client.PostAsync("/api/v1/auth/login", JsonContent("""{"userName":"kunci-uji","password":"salah-salah-salah"}"""));
            unknown = await _client.PostAsync("/api/v1/auth/login", JsonContent("""{"userName":"tidak-ada-sama-sekali","password":"salah-salah-salah"}"""));
        }

        var forKnown = await known.ProblemAsync(HttpStatusCode.TooManyRequests);
        var forUnknown = await unknown.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(forUnknown.GetProperty("detail").GetString(), forKnown.GetProperty("detail").GetString()); // no way to tell which exists
        var correct = await _client.PostAsync("/api/v1/auth/login", JsonContent($$"""{"userName":"kunci-uji","password":"{{AduanFactory.Password}}"}"""));
        Assert.Equal(HttpStatusCode.TooManyRequests, correct.StatusCode); // even the right password waits its turn
        factory.Time.Advance(TimeSpan.FromSeconds(2));
        correct = await _client.PostAsync("/api/v1/auth/login", JsonContent($$"""{"userName":"kunci-uji","password":"{{AduanFactory.Password}}"}"""));
        Assert.Equal(HttpStatusCode.OK, correct.StatusCode);
    }

    [Fact]
    public async Task Responses_CarrySecurityHeaders()
    {
        var response = await _client.GetAsync("/health/live");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
