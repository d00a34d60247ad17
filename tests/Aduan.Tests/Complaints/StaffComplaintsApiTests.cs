using System.Net;
using System.Net.Http.Json;
using Aduan.Complaints;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Complaints;

public sealed class StaffComplaintsApiTests(AduanFactory factory) : IClassFixture<AduanFactory>
{
    private readonly HttpClient _public = factory.CreateClient();

    [Fact]
    public async Task Lifecycle_SubmitDispatchFollowUpAccept_RecordsEveryStep()
    {
        var manager = await factory.StaffClientAsync("Manager");
        var officer = await factory.StaffClientAsync("AgencyOfficer", "DINKES");
        var created = await _public.SubmitAsync(TestApi.Report(
            text: "Puskesmas Rawalumbu menolak pasien BPJS tanpa alasan yang jelas.", category: null));

        var classified = await manager.ActOkAsync(created.TrackingCode, new { action = "classify", category = "KESEHATAN", kind = "Complaint", privacy = "Anonymous", priority = "High" });
        string[] changed = ["category", "priority", "privacy"]; // kind was already Complaint
        Assert.Equal(changed.Order(), classified.Timeline[^1].Data!.Value.EnumerateObject().Select(p => p.Name).Order());
        var dispatched = await manager.ActOkAsync(created.TrackingCode, new { action = "dispatch", copies = new[] { "RSUD" }, note = "Mohon klarifikasi." });
        Assert.Equal("DINKES", dispatched.Agency!.Code); // the category's default agency
        Assert.Contains(dispatched.Assignments, a => a is { Agency: "RSUD", Role: "Copy" });
        var acknowledged = await officer.ActOkAsync(created.TrackingCode, new { action = "acknowledge" });
        Assert.Equal("InProgress", acknowledged.Status);
        await officer.ActOkAsync(created.TrackingCode, new { action = "follow-up", text = "Kami sedang memeriksa petugas jaga.", final = false });
        var followedUp = await officer.ActOkAsync(created.TrackingCode, new { action = "follow-up", text = "Petugas sudah ditegur; pasien dilayani.", final = true });
        Assert.Equal("FollowedUp", followedUp.Status);
        Assert.Contains(followedUp.Deadlines, d => d is { Clock: "ReporterReply", State: "running" });

        var accepted = await _public.PostAsReporterAsync($"/api/v1/complaints/{created.TrackingCode}/feedback", created.ReporterKey, new { accepted = true, rating = 5 });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        var detail = await (await manager.GetAsync($"/api/v1/staff/complaints/{created.TrackingCode}")).Content.ReadFromJsonAsync<StaffComplaintView>(TestApi.Json);
        Assert.Equal("Resolved", detail!.Status);
        Assert.Equal(5, detail.Rating);
        Assert.Equal(
            ["Submitted", "Classified", "Dispatched", "Note", "Acknowledged", "FollowUp", "FollowUp", "Accepted"],
            detail.Timeline.Select(e => e.Type));
        Assert.Contains(detail.Timeline, e => e.Type == "Acknowledged" && e.Actor.StartsWith("Petugas", StringComparison.Ordinal) && e.Agency == "DINKES");
        Assert.Contains(detail.Deadlines, d => d is { Clock: "Verification", State: "met" });
        Assert.Empty(detail.AllowedActions.Except(["reopen"]));
    }

    [Fact]
    public async Task Transition_NotAllowedInState_Returns409ListingAllowedActionsAndChangesNothing()
    {
        var manager = await factory.StaffClientAsync("Manager");
        var created = await _public.SubmitAsync();

        var response = await manager.ActAsync(created.TrackingCode, new { action = "resolve" });

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("urn:aduan:problem:invalid-transition", problem.GetProperty("type").GetString());
        Assert.Contains("Belum Terverifikasi", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var allowed = problem.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Contains("dispatch", allowed);
        Assert.DoesNotContain("reply", allowed); // the reporter's, not staff's
        var detail = await manager.GetFromJsonAsync<StaffComplaintView>($"/api/v1/staff/complaints/{created.TrackingCode}", TestApi.Json);
        Assert.Equal(0, detail!.Version);
        Assert.Single(detail.Timeline);
    }

    [Fact]
    public async Task Transition_OfficerOnFollowedUpReport_Gets409OfferingNothingOfTheManagers()
    {
        var (_, officer, code) = await DispatchedAsync();
        await officer.ActOkAsync(code, new { action = "follow-up", text = "Selesai.", final = true });

        var response = await officer.ActAsync(code, new { action = "acknowledge" });

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Empty(problem.GetProperty("allowedActions").EnumerateArray());
    }

    [Fact]
    public async Task Classify_MakingAnAnonymousReportPublic_Returns409()
    {
        var manager = await factory.StaffClientAsync("Manager");
        var created = await _public.SubmitAsync(TestApi.Report(privacy: "Anonymous"));

        var response = await manager.ActAsync(created.TrackingCode, new { action = "classify", privacy = "Public" });

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("urn:aduan:problem:rule", problem.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("""{"action":"defer"}""", "question")]
    [InlineData("""{"action":"archive","reason":"  "}""", "reason")]
    [InlineData("""{"action":"refer"}""", "reason")]
    [InlineData("""{"action":"merge"}""", "primary")]
    [InlineData("""{"action":"merge","primary":"NOT-A-CODE"}""", "primary")]
    [InlineData("""{"action":"dispatch","agency":"DINAS-X"}""", "agency")]
    [InlineData("""{"action":"dispatch","copies":["DINKES","NOPE"]}""", "copies[1]")]
    [InlineData("""{"action":"classify"}""", "category")]
    [InlineData("""{"action":"classify","category":"NOPE"}""", "category")]
    [InlineData("""{"action":"fly"}""", "action")]
    [InlineData("""{}""", "action")]
    public async Task Transition_MissingOrUnknownField_Returns400NamingIt(string json, string field)
    {
        var manager = await factory.StaffClientAsync("Manager");
        var created = await _public.SubmitAsync();

        var response = await manager.PostAsync($"/api/v1/staff/complaints/{created.TrackingCode}/transitions",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal("Submitted", (await _public.PublicAsync(created.TrackingCode)).Status);
    }

    [Fact]
    public async Task Transition_AgencyActionsWithoutField_Return400()
    {
        var (manager, officer, code) = await DispatchedAsync();

        var forward = await officer.ActAsync(code, new { action = "forward", agency = "DISHUB" });
        var followUp = await officer.ActAsync(code, new { action = "follow-up", final = true });
        await officer.ActOkAsync(code, new { action = "follow-up", text = "Selesai.", final = true });
        var reject = await manager.ActAsync(code, new { action = "reject-follow-up" });

        Assert.True((await forward.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.True((await followUp.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("text", out _));
        Assert.True((await reject.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("reason", out _));
    }

    [Fact]
    public async Task Transition_StaleVersion_Returns409AndChangesNothing()
    {
        var manager = await factory.StaffClientAsync("Manager");
        var created = await _public.SubmitAsync();
        await manager.ActOkAsync(created.TrackingCode, new { action = "classify", priority = "High", version = 0 });

        var response = await manager.ActAsync(created.TrackingCode, new { action = "classify", priority = "Normal", version = 0 });

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("urn:aduan:problem:stale", problem.GetProperty("type").GetString());
        Assert.Equal(1, problem.GetProperty("currentVersion").GetInt32());
        var detail = await manager.GetFromJsonAsync<StaffComplaintView>($"/api/v1/staff/complaints/{created.TrackingCode}", TestApi.Json);
        Assert.Equal("High", detail!.Priority);
    }

    [Fact]
    public async Task Transition_ConcurrentAcknowledgements_ExactlyOneWins()
    {
        var (_, officer, code) = await DispatchedAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => officer.ActAsync(code, new { action = "acknowledge" })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var events = await factory.WithDbAsync(db => db.ComplaintEvents.CountAsync(e =>
            e.Type == ComplaintEventType.Acknowledged && db.Complaints.Any(c => c.Id == e.ComplaintId && c.TrackingCode == code)));
        Assert.Equal(1, events);
    }

    [Fact]
    public async Task Merge_DuplicatePointsReporterToPrimary()
    {
        var manager = await factory.StaffClientAsync("Manager");
        var primary = await _public.SubmitAsync();
        var duplicate = await _public.SubmitAsync();

        var merged = await manager.ActOkAsync(duplicate.TrackingCode, new { action = "merge", primary = primary.TrackingCode.ToLowerInvariant() });

        Assert.Equal("Merged", merged.Status);
        Assert.Equal(primary.TrackingCode, (await _public.PublicAsync(duplicate.TrackingCode)).MergedInto);
        var primaryDetail = await manager.GetFromJsonAsync<StaffComplaintView>($"/api/v1/staff/complaints/{primary.TrackingCode}", TestApi.Json);
        Assert.Contains(primaryDetail!.Timeline, e => e.Type == "MergedInto");
    }

    [Fact]
    public async Task Forward_MovesAccessToTheNewAgencyAndFlagsAfterThreeBounces()
    {
        var (manager, officer, code) = await DispatchedAsync();
        var dishub = await factory.StaffClientAsync("AgencyOfficer", "DISHUB");

        var forwarded = await officer.ActOkAsync(code, new { action = "forward", agency = "DISHUB", reason = "Ini soal lampu lalu lintas." });

        Assert.Equal("DISHUB", forwarded.Agency!.Code);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/api/v1/staff/complaints/{code}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await dishub.GetAsync($"/api/v1/staff/complaints/{code}")).StatusCode);
        Assert.Contains((await _public.PublicAsync(code)).Timeline, e => e.Type == "Forwarded" && e.Text == "Ini soal lampu lalu lintas.");

        await dishub.ActOkAsync(code, new { action = "forward", agency = "DBMSDA", reason = "Kembali: jalan rusak." });
        var third = await manager.ActOkAsync(code, new { action = "forward", agency = "DLH", reason = "Saluran tersumbat sampah." });

        Assert.Equal(3, third.ForwardCount);
        Assert.True(third.Flagged);
        var flagged = await manager.GetFromJsonAsync<PagedList<StaffComplaintListItem>>("/api/v1/staff/complaints?flagged=true&pageSize=100", TestApi.Json);
        Assert.Contains(flagged!.Items, i => i.TrackingCode == code);
    }

    [Fact]
    public async Task RejectFollowUpAndReopen_ByManager_ReturnWorkToTheAgency()
    {
        var (manager, officer, code) = await DispatchedAsync();
        await officer.ActOkAsync(code, new { action = "follow-up", text = "Sudah ditangani.", final = true });

        var rejected = await manager.ActOkAsync(code, new { action = "reject-follow-up", reason = "Lampirkan foto bukti." });
        Assert.Equal("InProgress", rejected.Status);
        Assert.Contains(rejected.Deadlines, d => d is { Clock: "Resolution", State: "running" });

        await officer.ActOkAsync(code, new { action = "follow-up", text = "Foto terlampir.", final = true });
        await manager.ActOkAsync(code, new { action = "resolve" });
        var reopened = await manager.ActOkAsync(code, new { action = "reopen", reason = "Warga lapor rusak lagi." });
        Assert.Equal("InProgress", reopened.Status);
    }

    [Fact]
    public async Task Archive_ThenReopen_ReturnsToVerification()
    {
        var manager = await factory.StaffClientAsync("Manager");
        var created = await _public.SubmitAsync();
        await manager.ActOkAsync(created.TrackingCode, new { action = "archive", reason = "Tidak jelas." });

        var reopened = await manager.ActOkAsync(created.TrackingCode, new { action = "reopen", reason = "Pelapor menelepon dengan detail." });

        Assert.Equal("Submitted", reopened.Status);
        Assert.Contains(reopened.Deadlines, d => d is { Clock: "Verification", State: "running" });
    }

    [Fact]
    public async Task Refer_ClosesTheReportPublicly()
    {
        var manager = await factory.StaffClientAsync("Manager");
        var created = await _public.SubmitAsync();

        await manager.ActOkAsync(created.TrackingCode, new { action = "refer", reason = "Jalan tol: wewenang Kementerian PU." });

        var view = await _public.PublicAsync(created.TrackingCode);
        Assert.Equal("Referred", view.Status);
        Assert.Equal("Dilimpahkan (bukan wewenang)", view.StatusLabel);
    }

    [Fact]
    public async Task Get_Detail_ForManagerShowsReporterAndAllEvents()
    {
        var manager = await factory.StaffClientAsync("Manager");
        var created = await _public.SubmitAsync(TestApi.Report(privacy: "Confidential"));
        await manager.ActOkAsync(created.TrackingCode, new { action = "dispatch", note = "Internal: hati-hati." });

        var detail = await manager.GetFromJsonAsync<StaffComplaintView>($"/api/v1/staff/complaints/{created.TrackingCode}", TestApi.Json);

        Assert.Equal("Siti Aminah", detail!.Reporter!.Name);
        Assert.Contains(detail.Timeline, e => e.Type == "Note" && e.Visibility == "Staff" && e.Text == "Internal: hati-hati.");
        Assert.Equal("Bekasi Timur", detail.Location.Kecamatan);
    }

    [Fact]
    public async Task Operator_RecordsCallCenterReport()
    {
        var op = await factory.StaffClientAsync("Operator");

        var created = await op.SubmitAsync(TestApi.Report(text: "Penelepon melaporkan pohon tumbang menutup Jl. Ir. H. Juanda."));

        var detail = await op.GetFromJsonAsync<StaffComplaintView>($"/api/v1/staff/complaints/{created.TrackingCode}", TestApi.Json);
        Assert.Equal("CallCenter", detail!.Channel);
        Assert.StartsWith("Petugas", detail.Timeline[0].Actor, StringComparison.Ordinal);
    }

    private async Task<(HttpClient Manager, HttpClient Officer, string Code)> DispatchedAsync()
    {
        var manager = await factory.StaffClientAsync("Manager");
        var officer = await factory.StaffClientAsync("AgencyOfficer", "DBMSDA");
        var created = await _public.SubmitAsync();
        await manager.ActOkAsync(created.TrackingCode, new { action = "dispatch" });
        return (manager, officer, created.TrackingCode);
    }
}
