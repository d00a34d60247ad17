using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aduan.Complaints;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Complaints;

public sealed class PublicComplaintsApiTests(AduanFactory factory) : IClassFixture<AduanFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Post_ValidReport_Returns201WithCodeKeyStatusAndDeadline()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/complaints", TestApi.Report());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<SubmitComplaintResponse>(TestApi.Json))!;
        Assert.True(TrackingCode.TryNormalize(body.TrackingCode, out _));
        Assert.Equal($"/api/v1/complaints/{body.TrackingCode}", response.Headers.Location?.OriginalString);
        Assert.True(body.ReporterKey.Length >= 20);
        Assert.Equal("Submitted", body.Status);
        Assert.Equal("Belum Terverifikasi", body.StatusLabel);
        var clock = Assert.Single(body.Deadlines);
        Assert.Equal("Verification", clock.Clock);
        Assert.Equal(new DateTimeOffset(2026, 6, 5, 17, 0, 0, TimeSpan.Zero), clock.DueAt);
    }

    [Fact]
    public async Task Post_StoresReporterPhoneAsE164()
    {
        var created = await _client.SubmitAsync(TestApi.Report(reporter: new { name = "Andi", phone = "0812 3456 7890" }));

        var phone = await factory.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == created.TrackingCode)
            .Select(c => c.Reporter.Phone).SingleAsync());
        Assert.Equal("+6281234567890", phone);
    }

    [Fact]
    public async Task Post_SameIdempotencyKeyTwice_ReturnsSameReportAndKeyOnce()
    {
        var key = Guid.NewGuid().ToString();
        var report = TestApi.Report(text: "Lampu jalan di Jl. Cut Meutia mati sejak seminggu, gelap dan rawan. " + key);

        var first = await PostWithKeyAsync(report, key);
        var second = await PostWithKeyAsync(report, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var a = (await first.Content.ReadFromJsonAsync<SubmitComplaintResponse>(TestApi.Json))!;
        var b = (await second.Content.ReadFromJsonAsync<SubmitComplaintResponse>(TestApi.Json))!;
        Assert.Equal(a.TrackingCode, b.TrackingCode);
        Assert.Equal(a.ReporterKey, b.ReporterKey);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.Text.EndsWith(key))));
    }

    [Fact]
    public async Task Post_ConcurrentRequestsWithSameKey_CreateOneReport()
    {
        var key = Guid.NewGuid().ToString();
        var report = TestApi.Report(text: "Sampah menumpuk di TPS Pasar Baru, sudah tiga hari tidak diangkut. " + key);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostWithKeyAsync(report, key)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var codes = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<SubmitComplaintResponse>(TestApi.Json))!.TrackingCode));
        Assert.Single(codes.Distinct());
        Assert.Equal(1, await factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.Text.EndsWith(key))));
    }

    [Fact]
    public async Task Post_SameKeyDifferentReport_Returns422()
    {
        var key = Guid.NewGuid().ToString();
        await PostWithKeyAsync(TestApi.Report(text: "Laporan pertama tentang jalan rusak di Bekasi Utara."), key);

        var response = await PostWithKeyAsync(TestApi.Report(text: "Laporan kedua yang sama sekali berbeda isinya."), key);

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("urn:aduan:problem:idempotency-key-reused", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Get_WithoutKey_ShowsStatusAndPublicTimelineButNoPersonalData()
    {
        var created = await _client.SubmitAsync();

        var response = await _client.GetAsync($"/api/v1/complaints/{created.TrackingCode}");

        var raw = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var personal in new[] { "Siti", "Aminah", "3456", "siti@contoh.id", "Margahayu" })
        {
            Assert.DoesNotContain(personal, raw, StringComparison.Ordinal);
        }

        var view = JsonSerializer.Deserialize<PublicComplaintView>(raw, TestApi.Json)!;
        Assert.Equal("Submitted", view.Status);
        Assert.Null(view.Text);
        Assert.All(view.Timeline, e => Assert.Equal("Public", e.Visibility));
    }

    [Fact]
    public async Task Get_LowercaseCodeWithoutHyphen_FindsTheReport()
    {
        var created = await _client.SubmitAsync();

        var view = await _client.PublicAsync(created.TrackingCode.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant());

        Assert.Equal(created.TrackingCode, view.TrackingCode);
    }

    [Fact]
    public async Task Get_WithReporterKey_AlsoShowsTextAndReporterEvents()
    {
        var created = await _client.SubmitAsync();
        var manager = await factory.StaffClientAsync("Manager");
        await manager.ActOkAsync(created.TrackingCode, new { action = "defer", question = "Mohon kirim foto lubangnya." });

        var anonymous = await _client.PublicAsync(created.TrackingCode);
        var reporter = await _client.PublicAsync(created.TrackingCode, created.ReporterKey);

        Assert.DoesNotContain(anonymous.Timeline, e => e.Type == "Deferred");
        var question = Assert.Single(reporter.Timeline, e => e.Type == "Deferred");
        Assert.Equal("Mohon kirim foto lubangnya.", question.Text);
        Assert.NotNull(reporter.Text);
        Assert.DoesNotContain("Petugas", JsonSerializer.Serialize(reporter), StringComparison.Ordinal); // no officer names
    }

    [Fact]
    public async Task Get_WithKeyOfAnotherReport_Returns403()
    {
        var mine = await _client.SubmitAsync();
        var other = await _client.SubmitAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/complaints/{other.TrackingCode}").WithReporterKey(mine.ReporterKey);

        var response = await _client.SendAsync(request);

        var problem = await response.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("urn:aduan:problem:reporter-key", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Get_UnknownButWellFormedCode_Returns404()
    {
        string code;
        do
        {
            code = TrackingCode.New();
        }
        while (await factory.WithDbAsync(db => db.Complaints.AnyAsync(c => c.TrackingCode == code)));

        var response = await _client.GetAsync($"/api/v1/complaints/{code}");

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains(code, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_CodeWithTypo_Returns404SayingTheCodeIsInvalid()
    {
        var created = await _client.SubmitAsync();
        var typo = created.TrackingCode[..^1] + (created.TrackingCode[^1] == 'A' ? 'B' : 'A');

        var response = await _client.GetAsync($"/api/v1/complaints/{typo}");

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("bukan kode pelacakan yang valid", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ConfidentialReport_ShowsTimelineWithoutTexts()
    {
        var created = await _client.SubmitAsync(TestApi.Report(privacy: "Confidential"));
        var manager = await factory.StaffClientAsync("Manager");
        var officer = await factory.StaffClientAsync("AgencyOfficer", "DBMSDA");
        await manager.ActOkAsync(created.TrackingCode, new { action = "dispatch" });
        await officer.ActOkAsync(created.TrackingCode, new { action = "follow-up", text = "Ditangani tim Bina Marga.", final = false });

        var view = await _client.PublicAsync(created.TrackingCode);

        Assert.Contains(view.Timeline, e => e.Type == "FollowUp");
        Assert.All(view.Timeline, e => Assert.Null(e.Text));
    }

    [Fact]
    public async Task Get_StaffTextWithPhoneNikAndEmail_IsMaskedForThePublic()
    {
        var created = await _client.SubmitAsync();
        var manager = await factory.StaffClientAsync("Manager");
        var officer = await factory.StaffClientAsync("AgencyOfficer", "DBMSDA");
        await manager.ActOkAsync(created.TrackingCode, new { action = "dispatch" });
        await officer.ActOkAsync(created.TrackingCode, new
        {
            action = "follow-up",
            final = false,
            text = "Sudah dihubungi Bpk. Budi 0812-3456-7890 (NIK 3275010101010001, budi@contoh.id).",
        });

        var anyone = await _client.PublicAsync(created.TrackingCode);
        var staff = await manager.GetFromJsonAsync<StaffComplaintView>($"/api/v1/staff/complaints/{created.TrackingCode}", TestApi.Json);

        var followUp = Assert.Single(anyone.Timeline, e => e.Type == "FollowUp").Text;
        Assert.Equal("Sudah dihubungi Bpk. [nama] [telepon] (NIK [NIK], [email]).", followUp);
        Assert.Contains("0812-3456-7890", Assert.Single(staff!.Timeline, e => e.Type == "FollowUp").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_SameIdempotencyKeyAfter24Hours_IsANewReport()
    {
        using var own = new AduanFactory();
        var client = own.CreateClient();
        var key = Guid.NewGuid().ToString();
        var first = await PostWithKeyAsync(client, TestApi.Report(), key);
        own.Time.Advance(TimeSpan.FromHours(25));

        var second = await PostWithKeyAsync(client, TestApi.Report(), key);

        var a = (await first.Content.ReadFromJsonAsync<SubmitComplaintResponse>(TestApi.Json))!;
        var b = (await second.Content.ReadFromJsonAsync<SubmitComplaintResponse>(TestApi.Json))!;
        Assert.NotEqual(a.TrackingCode, b.TrackingCode);
        Assert.Equal(1, await own.WithDbAsync(db => db.IdempotencyRecords.CountAsync())); // the old record is gone
    }

    [Fact]
    public async Task Reply_WithoutKey_Returns403AndRecordsNothing()
    {
        var created = await _client.SubmitAsync();

        var response = await _client.PostAsJsonAsync($"/api/v1/complaints/{created.TrackingCode}/replies", new { text = "Tambahan info" });

        await response.ProblemAsync(HttpStatusCode.Forbidden);
        var view = await _client.PublicAsync(created.TrackingCode, created.ReporterKey);
        Assert.DoesNotContain(view.Timeline, e => e.Type == "ReporterReplied");
    }

    [Fact]
    public async Task Reply_ToDeferral_ReturnsReportToVerification()
    {
        var created = await _client.SubmitAsync();
        var manager = await factory.StaffClientAsync("Manager");
        await manager.ActOkAsync(created.TrackingCode, new { action = "defer", question = "Di RT/RW berapa?" });

        var response = await _client.PostAsReporterAsync($"/api/v1/complaints/{created.TrackingCode}/replies", created.ReporterKey,
            new { text = "RT 03 RW 07, Kelurahan Margahayu." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = (await response.Content.ReadFromJsonAsync<PublicComplaintView>(TestApi.Json))!;
        Assert.Equal("Submitted", view.Status);
        Assert.Equal("RT 03 RW 07, Kelurahan Margahayu.", Assert.Single(view.Timeline, e => e.Type == "ReporterReplied").Text);
    }

    [Fact]
    public async Task Feedback_AcceptWithRating_ResolvesTheReport()
    {
        var created = await FollowedUpAsync();

        var response = await _client.PostAsReporterAsync($"/api/v1/complaints/{created.TrackingCode}/feedback", created.ReporterKey,
            new { accepted = true, rating = 4, comment = "Cepat, terima kasih." });

        var view = (await response.Content.ReadFromJsonAsync<PublicComplaintView>(TestApi.Json))!;
        Assert.Equal("Resolved", view.Status);
        Assert.Equal(4, await factory.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == created.TrackingCode).Select(c => c.Rating).SingleAsync()));
        Assert.Contains(view.Timeline, e => e.Type == "ReporterComment" && e.Text == "Cepat, terima kasih.");
    }

    [Fact]
    public async Task Feedback_Reject_ReopensTheReport()
    {
        var created = await FollowedUpAsync();

        var response = await _client.PostAsReporterAsync($"/api/v1/complaints/{created.TrackingCode}/feedback", created.ReporterKey,
            new { accepted = false, comment = "Lubangnya masih ada." });

        var view = (await response.Content.ReadFromJsonAsync<PublicComplaintView>(TestApi.Json))!;
        Assert.Equal("InProgress", view.Status);

        // The answer is the status lookup's view with the key: the same deadlines (met ones too) and timeline.
        var lookup = await _client.PublicAsync(created.TrackingCode, created.ReporterKey);
        Assert.Equal(JsonSerializer.Serialize(lookup, TestApi.Json), JsonSerializer.Serialize(view, TestApi.Json));
        Assert.True(view.Deadlines.Count > 1, $"{view.Deadlines.Count} deadlines");
    }

    [Fact]
    public async Task Feedback_AcceptWithoutRating_Returns400()
    {
        var created = await FollowedUpAsync();

        var response = await _client.PostAsReporterAsync($"/api/v1/complaints/{created.TrackingCode}/feedback", created.ReporterKey,
            new { accepted = true });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("rating", out _));
    }

    [Fact]
    public async Task Feedback_BeforeFollowUp_Returns409WithAllowedActions()
    {
        var created = await _client.SubmitAsync();

        var response = await _client.PostAsReporterAsync($"/api/v1/complaints/{created.TrackingCode}/feedback", created.ReporterKey,
            new { accepted = true, rating = 5 });

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Submitted", problem.GetProperty("currentStatus").GetString());
        var allowed = problem.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Equal(["reply"], allowed); // what the reporter can do; staff actions are not theirs
        Assert.Equal("Submitted", (await _client.PublicAsync(created.TrackingCode)).Status);
    }

    private async Task<SubmitComplaintResponse> FollowedUpAsync()
    {
        var created = await _client.SubmitAsync();
        var manager = await factory.StaffClientAsync("Manager");
        var officer = await factory.StaffClientAsync("AgencyOfficer", "DBMSDA");
        await manager.ActOkAsync(created.TrackingCode, new { action = "dispatch" });
        await officer.ActOkAsync(created.TrackingCode, new { action = "follow-up", text = "Jalan sudah ditambal.", final = true });
        return created;
    }

    private Task<HttpResponseMessage> PostWithKeyAsync(object report, string key) => PostWithKeyAsync(_client, report, key);

    private static Task<HttpResponseMessage> PostWithKeyAsync(HttpClient client, object report, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/complaints") { Content = JsonContent.Create(report) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task Get_PublicAndReporterTimelines_CarryNoHashStaffKeepsThem()
    {
        var created = await _client.SubmitAsync();
        using var manager = await factory.StaffClientAsync(Aduan.Identity.Roles.Manager);
        await manager.ActOkAsync(created.TrackingCode, new { action = "dispatch", agency = "DBMSDA" });
        var sha256 = new Regex("[0-9a-fA-F]{64}");

        var asPublic = await _client.GetStringAsync($"/api/v1/complaints/{created.TrackingCode}");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/complaints/{created.TrackingCode}").WithReporterKey(created.ReporterKey);
        var asReporter = await (await _client.SendAsync(request)).Content.ReadAsStringAsync();
        var asStaff = await manager.GetStringAsync($"/api/v1/staff/complaints/{created.TrackingCode}");

        Assert.DoesNotMatch(sha256, asPublic);
        Assert.DoesNotMatch(sha256, asReporter);
        Assert.Contains("\"channel\":\"Web\"", asPublic, StringComparison.Ordinal);
        Assert.Contains("\"agency\":\"DBMSDA\"", asPublic, StringComparison.Ordinal);
        var submitted = JsonDocument.Parse(asStaff).RootElement.GetProperty("timeline")[0].GetProperty("data");
        Assert.Matches("^[0-9a-f]{64}$", submitted.GetProperty("content").GetString());
    }
}
