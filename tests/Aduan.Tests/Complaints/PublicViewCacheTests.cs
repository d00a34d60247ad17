using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Aduan.Complaints;
using Aduan.Sla;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Complaints;

/// <summary>
/// The anonymous status view kept in memory (<see cref="PublicViewCache"/>): whatever changes the report, however it is
/// written and by whichever instance, the next read shows it; what it cannot see, time bounds.
/// </summary>
public sealed class PublicViewCacheTests : IAsyncLifetime
{
    private readonly AduanFactory _app = AduanFactory.With(s => s.AddSingleton<IInterceptor, CommandRecorder>());
    private HttpClient _public = null!;

    public Task InitializeAsync()
    {
        _public = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Read_Twice_SecondIsTheKeptViewAndReadsNothingThroughEf()
    {
        var created = await _public.SubmitAsync();

        var (first, firstCommands) = await ReadAsync(created.TrackingCode);
        var (second, secondCommands) = await ReadAsync(created.TrackingCode);

        Assert.NotEmpty(firstCommands); // built: the report with its clocks, then its events
        Assert.Empty(secondCommands); // kept: only its stamp, read outside EF
        Assert.Same(first, second);
        Assert.Equal(created.TrackingCode, second!.View.TrackingCode);
    }

    [Fact]
    public async Task Read_AfterAStaffAction_ShowsIt()
    {
        var created = await _public.SubmitAsync(TestApi.Report(category: "JALAN"));
        Assert.Equal("Submitted", (await _public.PublicAsync(created.TrackingCode)).Status);
        var manager = await _app.StaffClientAsync("Manager");

        await manager.ActOkAsync(created.TrackingCode, new { action = "dispatch" });

        var after = await _public.PublicAsync(created.TrackingCode);
        Assert.Equal("Dispatched", after.Status);
        Assert.Equal("DBMSDA", after.Agency!.Code);
        Assert.Equal("Dispatched", after.Timeline[^1].Type);
    }

    [Fact]
    public async Task Read_AfterAnotherInstanceActs_ShowsIt()
    {
        var created = await _public.SubmitAsync(TestApi.Report(category: "JALAN"));
        Assert.Equal("Submitted", (await _public.PublicAsync(created.TrackingCode)).Status);
        using var second = _app.SecondInstance();
        var manager = await second.StaffClientAsync("Manager");

        await manager.ActOkAsync(created.TrackingCode, new { action = "dispatch" });

        Assert.Equal("Dispatched", (await _public.PublicAsync(created.TrackingCode)).Status);
    }

    [Fact]
    public async Task Read_AfterTheHubCopyIsWrittenInBulk_ShowsIt()
    {
        var created = await _public.SubmitAsync();
        Assert.Null((await _public.PublicAsync(created.TrackingCode)).Hub);

        // As the federation writes it: an update of three columns, no new version, no event.
        await _app.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == created.TrackingCode).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.RemotePeer, Aduan.Federation.FederationOptionsValidator.UpstreamName)
            .SetProperty(c => c.RemoteId, "LAPOR-123")
            .SetProperty(c => c.RemoteUrl, "https://hub.example/laporan/123")));

        var hub = (await _public.PublicAsync(created.TrackingCode)).Hub;
        Assert.Equal("LAPOR-123", hub?.Code);
        await _app.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == created.TrackingCode)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.RemotePeer, "bekasikab")));

        Assert.Null((await _public.PublicAsync(created.TrackingCode)).Hub); // a peer's copy, not the hub's
    }

    [Fact]
    public async Task Page_AfterSupport_ShowsTheNewCount()
    {
        var created = await _public.SubmitAsync();
        var before = await _public.GetStringAsync($"/lacak/{created.TrackingCode}");
        Assert.Contains("data-testid=\"supporters\">0<", before);

        await _app.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == created.TrackingCode)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Supporters, c => c.Supporters + 1)));

        Assert.Contains("data-testid=\"supporters\">1<", await _public.GetStringAsync($"/lacak/{created.TrackingCode}"));
    }

    [Fact]
    public async Task ReportPage_AfterAFollowUpAndThenMadeConfidential_ShowsEachAndThenNothing()
    {
        var created = await _public.SubmitAsync(TestApi.Report(category: "JALAN"));
        var manager = await _app.StaffClientAsync("Manager");
        var officer = await _app.StaffClientAsync("AgencyOfficer", "DBMSDA");
        await manager.ActOkAsync(created.TrackingCode, new { action = "dispatch" });
        Assert.DoesNotContain("Lubang ditambal", await _public.GetStringAsync($"/laporan/{created.TrackingCode}"));

        await officer.ActOkAsync(created.TrackingCode, new { action = "follow-up", text = "Lubang ditambal pagi ini.", final = false });
        Assert.Contains("Lubang ditambal", await _public.GetStringAsync($"/laporan/{created.TrackingCode}"));
        await manager.ActOkAsync(created.TrackingCode, new { action = "classify", privacy = "Confidential" });

        Assert.Equal(HttpStatusCode.NotFound, (await _public.GetAsync($"/laporan/{created.TrackingCode}")).StatusCode);
    }

    [Fact]
    public async Task Read_WhenARunningDeadlinePasses_ShowsItOverdue()
    {
        var created = await _public.SubmitAsync();
        var dueAt = Assert.Single((await _public.PublicAsync(created.TrackingCode)).Deadlines).DueAt;
        _app.Time.SetUtcNow(dueAt.AddSeconds(-30));
        Assert.False(Assert.Single((await _public.PublicAsync(created.TrackingCode)).Deadlines).Overdue);
        var (_, commands) = await ReadAsync(created.TrackingCode);
        Assert.Empty(commands); // kept, well inside the minute a view is otherwise kept

        _app.Time.Advance(TimeSpan.FromSeconds(31));

        Assert.True(Assert.Single((await _public.PublicAsync(created.TrackingCode)).Deadlines).Overdue);
    }

    [Fact]
    public async Task Read_AfterTheKeepingTime_ShowsARenamedCategory()
    {
        var created = await _public.SubmitAsync(TestApi.Report(category: "JALAN"));
        var before = (await _public.PublicAsync(created.TrackingCode)).Category!.Name;
        await _app.WithDbAsync(db => db.Categories.Where(c => c.Code == "JALAN")
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, "Jalan dan Trotoar")));

        Assert.Equal(before, (await _public.PublicAsync(created.TrackingCode)).Category!.Name); // kept: a rename moves no report
        _app.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal("Jalan dan Trotoar", (await _public.PublicAsync(created.TrackingCode)).Category!.Name);
    }

    [Fact]
    public async Task Read_AfterAnAdminRenamesHere_ShowsTheNewNameAtOnce()
    {
        var created = await _public.SubmitAsync(TestApi.Report(category: "JALAN"));
        await _public.PublicAsync(created.TrackingCode);
        await _app.WithDbAsync(db => db.Categories.Where(c => c.Code == "JALAN")
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, "Jalan dan Trotoar")));

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Aduan.Categories.CategoryCatalog>().Invalidate(); // as the admin's edit page does
        }

        Assert.Equal("Jalan dan Trotoar", (await _public.PublicAsync(created.TrackingCode)).Category!.Name);
    }

    [Fact]
    public async Task Read_InEachLanguage_KeepsEach()
    {
        var created = await _public.SubmitAsync();

        var indonesian = await _public.PublicAsync(created.TrackingCode);
        var english = (await _public.GetFromJsonAsync<PublicComplaintView>($"/api/v1/complaints/{created.TrackingCode}?lang=en", TestApi.Json))!;
        var indonesianAgain = await _public.PublicAsync(created.TrackingCode);

        Assert.Equal("Belum Terverifikasi", indonesian.StatusLabel);
        Assert.Equal("Not yet verified", english.StatusLabel);
        Assert.Equal("Belum Terverifikasi", indonesianAgain.StatusLabel);
    }

    [Fact]
    public async Task Read_WithAndWithoutTheKey_TheReportersViewIsNeverKept()
    {
        var text = "Saluran air di Jl. Kenari tersumbat sampah, air meluap ke jalan setiap hujan.";
        var created = await _public.SubmitAsync(TestApi.Report(text: text));

        var anonymous = await _public.PublicAsync(created.TrackingCode);
        var reporter = await _public.PublicAsync(created.TrackingCode, created.ReporterKey);
        var anonymousAgain = await _public.PublicAsync(created.TrackingCode);
        var page = await _public.GetStringAsync($"/lacak/{created.TrackingCode}");

        Assert.Null(anonymous.Text);
        Assert.Equal(text, reporter.Text);
        Assert.Null(anonymousAgain.Text);
        Assert.DoesNotContain("Jl. Kenari", page);
    }

    [Fact]
    public async Task Read_WithAWrongKey_IsRefusedWhateverIsKept()
    {
        var created = await _public.SubmitAsync();
        await _public.PublicAsync(created.TrackingCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/complaints/{created.TrackingCode}")
            .WithReporterKey("K7M2Q-XP4RT-9ABCD-EFGHJ-KMNPQ");

        var response = await _public.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Read_UnknownCode_IsNotFound()
    {
        var response = await _public.GetAsync($"/api/v1/complaints/{TrackingCode.Example}");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Read_WithKeepingOff_BuildsEachTime()
    {
        await using var app = AduanFactory.With(s => s.AddSingleton<IInterceptor, CommandRecorder>(), ("Aduan:PublicViews:CacheEntries", "0"));
        var client = app.CreateClient();
        var created = await client.SubmitAsync();

        await client.PublicAsync(created.TrackingCode);
        var (view, commands) = await ReadAsync(app, created.TrackingCode);

        Assert.Equal(created.TrackingCode, view!.View.TrackingCode);
        Assert.NotEmpty(commands);
    }

    [Fact]
    public async Task ReportPage_ReadTwice_SecondIsKeptAndReadsNothingThroughEf()
    {
        var created = await _public.SubmitAsync(TestApi.Report(category: "JALAN"));
        var manager = await _app.StaffClientAsync("Manager");
        await manager.ActOkAsync(created.TrackingCode, new { action = "dispatch" });

        var (first, firstCommands) = await ReadPageAsync(created.TrackingCode);
        var (second, secondCommands) = await ReadPageAsync(created.TrackingCode);

        Assert.NotEmpty(firstCommands);
        Assert.Empty(secondCommands);
        Assert.Same(first, second);
        Assert.Equal(created.TrackingCode, second!.Report.TrackingCode);
    }

    [Fact]
    public async Task Read_AfterTheReporterReplies_ShowsTheReplyToTheReporterOnly()
    {
        var created = await _public.SubmitAsync();
        var manager = await _app.StaffClientAsync("Manager");
        await manager.ActOkAsync(created.TrackingCode, new { action = "defer", question = "Di RT/RW berapa?" });
        Assert.Equal("Deferred", (await _public.PublicAsync(created.TrackingCode)).Status);

        var reply = await _public.PostAsReporterAsync($"/api/v1/complaints/{created.TrackingCode}/replies", created.ReporterKey,
            new { text = "RT 03 / RW 07, dekat masjid." });
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);

        var anonymous = await _public.PublicAsync(created.TrackingCode);
        Assert.Equal("Submitted", anonymous.Status); // back to the desk
        Assert.DoesNotContain(anonymous.Timeline, e => e.Text?.Contains("RW 07") == true);
        Assert.Contains((await _public.PublicAsync(created.TrackingCode, created.ReporterKey)).Timeline, e => e.Text?.Contains("RW 07") == true);
    }

    [Fact]
    public async Task Read_Anonymous_IsJsonInUtf8()
    {
        var created = await _public.SubmitAsync();

        var response = await _public.GetAsync($"/api/v1/complaints/{created.TrackingCode}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var view = (await response.Content.ReadFromJsonAsync<PublicComplaintView>(TestApi.Json))!;
        Assert.Equal(created.TrackingCode, view.TrackingCode);
    }

    [Fact]
    public async Task Read_Cancelled_LeavesTheNextReadWorking()
    {
        var created = await _public.SubmitAsync();
        await ReadAsync(created.TrackingCode);
        await using var scope = _app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var cache = services.GetRequiredService<PublicViewCache>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cache.StatusAsync(created.TrackingCode, services, new CancellationToken(true)));

        Assert.Equal(created.TrackingCode, (await _public.PublicAsync(created.TrackingCode)).TrackingCode);
    }

    [Fact]
    public void ValidUntil_IsTheFirstRunningDeadlineNotYetPassed_OrTheKeepingTime()
    {
        var now = new DateTimeOffset(2026, 6, 2, 3, 0, 0, TimeSpan.Zero);
        var keep = TimeSpan.FromMinutes(1);
        SlaClock Running(TimeSpan dueIn) => new(SlaClockKind.Resolution, null, now - TimeSpan.FromDays(1), now + dueIn);

        Assert.Equal(now + keep, PublicViewCache.ValidUntil([], now, keep));
        Assert.Equal(now + keep, PublicViewCache.ValidUntil([Running(TimeSpan.FromDays(3))], now, keep));
        Assert.Equal(now + TimeSpan.FromSeconds(20),
            PublicViewCache.ValidUntil([Running(TimeSpan.FromDays(3)), Running(TimeSpan.FromSeconds(20))], now, keep));
        Assert.Equal(now + keep, PublicViewCache.ValidUntil([Running(-TimeSpan.FromSeconds(5))], now, keep)); // overdue already: stays so
        Assert.Equal(now, PublicViewCache.ValidUntil([Running(TimeSpan.Zero)], now, keep)); // turns overdue next: not kept
    }

    private Task<(KeptPublicView? View, List<RecordedCommand> Commands)> ReadAsync(string code) => ReadAsync(_app, code);

    private async Task<(Aduan.Pages.Portal.ReportModel.Shown? Page, List<RecordedCommand> Commands)> ReadPageAsync(string code)
    {
        CultureInfo.CurrentUICulture = new CultureInfo("id");
        await using var scope = _app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var cache = services.GetRequiredService<PublicViewCache>();
        return await CommandRecorder.RecordAsync(() => cache.GetAsync(code, services,
            ct => Aduan.Pages.Portal.ReportModel.BuildAsync(services, code, ct), CancellationToken.None));
    }

    /// <summary>The cache as the lookup uses it, in Indonesian, in the test's own flow so that EF's commands are recorded.</summary>
    private static async Task<(KeptPublicView? View, List<RecordedCommand> Commands)> ReadAsync(AduanFactory app, string code)
    {
        CultureInfo.CurrentUICulture = new CultureInfo("id");
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var cache = services.GetRequiredService<PublicViewCache>();
        return await CommandRecorder.RecordAsync(() => cache.StatusAsync(code, services, CancellationToken.None));
    }
}
