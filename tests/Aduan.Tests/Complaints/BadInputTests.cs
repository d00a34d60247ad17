using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aduan.Complaints;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Complaints;

/// <summary>Every bad input gets a clear problem in Bahasa Indonesia (or English) and nothing is written.</summary>
public sealed class BadInputTests(AduanFactory factory) : IClassFixture<AduanFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private Task<int> CountAsync() => factory.WithDbAsync(db => db.Complaints.CountAsync());

    private Task<HttpResponseMessage> PostRawAsync(string json, string path = "/api/v1/complaints") =>
        _client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task<JsonElement> ExpectValidationAsync(object body, string field)
    {
        var before = await CountAsync();
        var response = await _client.PostAsJsonAsync("/api/v1/complaints", body);
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("urn:aduan:problem:validation", problem.GetProperty("type").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"no error for {field}: {problem}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        Assert.Equal(before, await CountAsync());
        return problem;
    }

    [Fact]
    public Task Post_MissingText_Returns400ForText() => ExpectValidationAsync(new { category = "JALAN" }, "text");

    [Fact]
    public Task Post_TextTooShort_Returns400() => ExpectValidationAsync(TestApi.Report(text: "rusak"), "text");

    [Fact]
    public Task Post_TextTooLong_Returns400() => ExpectValidationAsync(TestApi.Report(text: new string('a', 4001)), "text");

    [Fact]
    public Task Post_UnknownCategory_Returns400() => ExpectValidationAsync(TestApi.Report(category: "TIDAKADA"), "category");

    [Fact]
    public Task Post_UnknownKecamatan_Returns400() =>
        ExpectValidationAsync(TestApi.Report(location: new { kecamatan = "Menteng" }), "location.kecamatan");

    [Fact]
    public Task Post_CoordinatesInSingapore_Returns400() =>
        ExpectValidationAsync(TestApi.Report(location: new { lat = 1.2903, lng = 103.8519 }), "location");

    [Fact]
    public Task Post_CoordinatesInEurope_Returns400() =>
        ExpectValidationAsync(TestApi.Report(location: new { lat = 52.37, lng = 4.89 }), "location");

    [Fact]
    public Task Post_LatitudeWithoutLongitude_Returns400() =>
        ExpectValidationAsync(TestApi.Report(location: new { lat = -6.24 }), "location");

    [Fact]
    public Task Post_BadPhone_Returns400() =>
        ExpectValidationAsync(TestApi.Report(reporter: new { phone = "12ab" }), "reporter.phone");

    [Fact]
    public Task Post_BadEmail_Returns400() =>
        ExpectValidationAsync(TestApi.Report(reporter: new { email = "bukan email" }), "reporter.email");

    [Fact]
    public Task Post_ControlCharacters_Returns400() =>
        ExpectValidationAsync(TestApi.Report(text: "Jalan rusak parah sekali\u0000\u0007 di sini"), "text");

    [Theory]
    [InlineData("text", "\\uFFFE")]
    [InlineData("text", "\\uFFFF")]
    [InlineData("title", "\\uFDD0")]
    [InlineData("title", "\\uD83F\\uDFFE")] // U+1FFFE
    [InlineData("text", "\\uDBFF\\uDFFF")] // U+10FFFF
    public async Task Post_Noncharacter_Returns400ForTheField(string field, string escaped)
    {
        var before = await CountAsync();
        var text = "Jalan rusak parah di depan sekolah" + (field == "text" ? escaped : "");
        var title = "Jalan rusak" + (field == "title" ? escaped : "");

        var response = await PostRawAsync($$"""{"text": "{{text}}", "title": "{{title}}", "category": "JALAN"}""");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("urn:aduan:problem:validation", problem.GetProperty("type").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public Task Post_TextOfOnlyInvisibleCharacters_Returns400ForText() =>
        ExpectValidationAsync(TestApi.Report(text: "\u200B\u200C\u200D\u2060\uFEFF \u00AD\uFE0F\u034F\u3164\u2028\u200B"), "text");

    [Fact]
    public Task Post_ChannelAsCitizen_Returns400() =>
        ExpectValidationAsync(new { text = "Jalan rusak parah sekali di sini.", channel = "CallCenter" }, "channel");

    [Fact]
    public async Task Post_ValidationErrors_AreInIndonesianByDefaultAndEnglishOnRequest()
    {
        var id = await _client.PostAsJsonAsync("/api/v1/complaints", new { category = "JALAN" });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/complaints") { Content = JsonContent.Create(new { category = "JALAN" }) };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var en = await _client.SendAsync(request);

        Assert.Equal("Data tidak valid", (await id.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("title").GetString());
        var english = await en.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Invalid input", english.GetProperty("title").GetString());
        Assert.Equal("Required.", english.GetProperty("errors").GetProperty("text")[0].GetString());
    }

    [Theory]
    [InlineData("""{"text": 12345678901}""", "$.text")]
    [InlineData("""{"text": "Jalan rusak di depan sekolah", "privacy": "Anonymous, Confidential"}""", "$.privacy")]
    [InlineData("""{"text": "Jalan rusak di depan sekolah", "kind": "1"}""", "$.kind")]
    [InlineData("""{"text": "Jalan rusak di depan sekolah", "categori": "JALAN"}""", "$.categori")]
    [InlineData("""{"text": "Jalan rusak di depan sekolah", "kind": "Gossip"}""", "$.kind")]
    [InlineData("""{"text": "Jalan rusak di depan sekolah", "privacy": 2}""", "$.privacy")]
    [InlineData("""{"text": "Jalan rusak di depan sekolah", "location": {"lat": "utara"}}""", "$.location.lat")]
    public async Task Post_WrongJsonTypes_Returns400NamingThePath(string json, string path)
    {
        var before = await CountAsync();

        var problem = await (await PostRawAsync(json)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("urn:aduan:problem:bad-request", problem.GetProperty("type").GetString());
        Assert.Contains(path, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Aduan.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"text\": \"unterminated")]
    [InlineData("")]
    public async Task Post_MalformedJson_Returns400(string body)
    {
        await (await PostRawAsync(body)).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_InvalidUtf8_Returns400()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"text\": \"Jalan rusak XX di depan sekolah\"}");
        bytes[20] = 0xC3;
        bytes[21] = 0x28; // an invalid two-byte sequence
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };

        var response = await _client.PostAsync("/api/v1/complaints", content);

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_OversizeBody_Returns413()
    {
        var before = await CountAsync();
        var huge = JsonSerializer.Serialize(new { text = new string('x', 100_000) });

        var response = await PostRawAsync(huge);

        var problem = await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("65536", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Post_ScriptTag_IsStoredAsTextAndReturnedEscaped()
    {
        const string text = "<script>alert('xss')</script> Saluran air tersumbat di Jl. Merdeka";
        var created = await _client.SubmitAsync(TestApi.Report(text: text));

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/complaints/{created.TrackingCode}").WithReporterKey(created.ReporterKey);
        var raw = await (await _client.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>", raw, StringComparison.Ordinal);
        Assert.Equal(text, JsonSerializer.Deserialize<PublicComplaintView>(raw, TestApi.Json)!.Text);
    }

    [Fact]
    public async Task Post_SqlMetacharacters_AreStoredVerbatimAndSearchable()
    {
        const string text = "Robert'); DROP TABLE Complaints;-- melaporkan \"jalan\" 100% rusak % _ \\";
        var created = await _client.SubmitAsync(TestApi.Report(text: text));
        var manager = await factory.StaffClientAsync("Manager");

        var response = await manager.GetAsync("/api/v1/staff/complaints?q=" + Uri.EscapeDataString("Robert'); DROP \"TABLE\" --*"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadFromJsonAsync<PagedList<StaffComplaintListItem>>(TestApi.Json);
        Assert.Contains(page!.Items, i => i.TrackingCode == created.TrackingCode);
        var stored = await factory.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == created.TrackingCode).Select(c => c.Text).SingleAsync());
        Assert.Equal(text, stored);
    }

    [Fact]
    public async Task Post_Transition_WrongJson_Returns400AndChangesNothing()
    {
        var created = await _client.SubmitAsync();
        var manager = await factory.StaffClientAsync("Manager");

        var response = await manager.PostAsync($"/api/v1/staff/complaints/{created.TrackingCode}/transitions",
            new StringContent("""{"action": "classify", "priority": "Sangat"}""", Encoding.UTF8, "application/json"));

        await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Submitted", (await _client.PublicAsync(created.TrackingCode)).Status);
    }

    [Theory]
    [InlineData("""{"action":"classify","priority":"High, Urgent"}""", "$.priority")]
    [InlineData("""{"action":"dispatch","agencyCode":"DISHUB"}""", "$.agencyCode")]
    public async Task Transition_CombinedEnumOrUnknownField_Returns400NamingIt(string json, string path)
    {
        var created = await _client.SubmitAsync();
        var manager = await factory.StaffClientAsync("Manager");

        var response = await manager.PostAsync($"/api/v1/staff/complaints/{created.TrackingCode}/transitions",
            new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(path, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Submitted", (await _client.PublicAsync(created.TrackingCode)).Status);
    }

    [Fact]
    public async Task Transition_NullCopy_Returns400()
    {
        var created = await _client.SubmitAsync();
        var manager = await factory.StaffClientAsync("Manager");

        var response = await manager.PostAsync($"/api/v1/staff/complaints/{created.TrackingCode}/transitions",
            new StringContent("""{"action":"dispatch","copies":[null]}""", Encoding.UTF8, "application/json"));

        Assert.True((await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("copies[0]", out _));
    }

    [Theory]
    [InlineData("?channel=Web,Sms", "channel")]
    [InlineData("?channel=1", "channel")]
    [InlineData("?page=100001", "page")]
    public async Task StaffList_BadFilter_Returns400(string query, string field)
    {
        var manager = await factory.StaffClientAsync("Manager");

        var response = await manager.GetAsync("/api/v1/staff/complaints" + query);

        Assert.True((await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task StaffList_BadQueryParameter_Returns400()
    {
        var manager = await factory.StaffClientAsync("Manager");

        var response = await manager.GetAsync("/api/v1/staff/complaints?overdue=kadang");

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_IntakeRateLimit_Returns429WithRetryAfter()
    {
        using var limited = AduanFactory.With(("Aduan:IntakePerMinute", "2"));
        var client = limited.CreateClient();
        await client.SubmitAsync();
        await client.SubmitAsync();

        var response = await client.PostAsJsonAsync("/api/v1/complaints", TestApi.Report());

        await response.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(response.Headers.RetryAfter);
        var op = await limited.StaffClientAsync("Operator");
        Assert.Equal(HttpStatusCode.Created, (await op.PostAsJsonAsync("/api/v1/complaints", TestApi.Report())).StatusCode); // staff counted apart
    }
}
