using System.Net;
using System.Net.Http.Json;
using Aduan.Complaints;
using Aduan.Escalations;
using Aduan.Identity;
using Aduan.Sla;
using Aduan.Tests.Importing;
using Aduan.Tests.Support;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Aduan.Tests.Escalations.EscalationFixture;

namespace Aduan.Tests.Escalations;

/// <summary>Last year's spreadsheet escalates to no one until a manager takes its open reports over; the Ombudsman filter.</summary>
public sealed class ImportedReportsTests : IDisposable
{
    private readonly AduanFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    /// <summary>Three open reports of 2025 (waiting, dispatched, in progress), one followed up, one resolved.</summary>
    private async Task ImportLastYearAsync()
    {
        var csv = new PastReportsCsv()
            .Row("10/11/2025 09:00", "CallCenter", "JALAN", "DBMSDA", "Submitted")
            .Row("11/11/2025 09:00", "CallCenter", "JALAN", "DBMSDA", "Dispatched", "11/11/2025 10:00")
            .Row("12/11/2025 09:00", "CallCenter", "JALAN", "DBMSDA", "InProgress", "12/11/2025 10:00")
            .Row("13/11/2025 09:00", "CallCenter", "JALAN", "DBMSDA", "FollowedUp", "13/11/2025 10:00", "14/11/2025 10:00", "", "Sudah ditambal")
            .Resolved(new DateTime(2025, 11, 14, 9, 0, 0), "DBMSDA", "JALAN");
        Assert.True((await csv.ImportAsync(_factory)).Saved);
    }

    private Task<List<string>> OpenImportedAsync() => _factory.WithDbAsync(db =>
        db.Complaints.Where(c => c.IsImported && c.ClosedAt == null).OrderBy(c => c.SubmittedAt).Select(c => c.TrackingCode).ToListAsync());

    [Fact]
    public async Task Import_OpenReports_SendNothingAndFlagNothingForMonths()
    {
        await _factory.StaffAsync(Roles.AgencyOfficer, "DBMSDA", "petugas@bekasikota.go.id");
        await _factory.StaffAsync(Roles.Leadership, null, "walikota@bekasikota.go.id");
        await ImportLastYearAsync();

        for (var week = 0; week < 13; week++)
        {
            _factory.Time.Advance(TimeSpan.FromDays(7));
            await _factory.SweepAsync();
            await _factory.Services.GetRequiredService<DeadlineSweep>().RunOnceAsync(CancellationToken.None);
        }

        Assert.Empty(await _factory.StepsAsync());
        Assert.Equal(0, await _factory.EscalatedEventsAsync());
        Assert.Equal(0, await _factory.WithDbAsync(db => db.OutboxMessages.CountAsync()));
        Assert.Equal(0, await _factory.WithDbAsync(db => db.SlaClocks.CountAsync(k => k.StoppedAt == null)));
        Assert.Equal(0, await _factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.OmbudsmanFlaggedAt != null)));
        Assert.Equal(4, (await OpenImportedAsync()).Count); // the followed-up one was not closed by the reply window either
    }

    [Fact]
    public async Task TakeOver_AllFilteredImportedOpenReports_StartsTheirClocksAndTheLadderRuns()
    {
        await _factory.StaffAsync(Roles.AgencyOfficer, "DBMSDA", "petugas@bekasikota.go.id");
        await ImportLastYearAsync();
        using var manager = await PageClient.SignedInAsync(_factory, Roles.Manager);
        var page = await manager.GetAsync("/staff/reports?imported=true");
        Assert.NotNull(page.QuerySelector("[data-testid=takeover]"));

        var refused = await manager.SubmitAsync(page, "[data-testid=takeover]", new() { ["scope"] = "all" });
        Assert.Contains("Centang konfirmasi", PageClient.Text(refused), StringComparison.Ordinal);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.TakenOverAt != null)));

        page = await manager.SubmitAsync(page, "[data-testid=takeover]", new() { ["scope"] = "all", ["confirm"] = "true" });

        Assert.Contains("4 laporan impor diambil alih", PageClient.Text(page), StringComparison.Ordinal);
        var open = await OpenImportedAsync();
        Assert.Equal(open.Order(), (await _factory.WithDbAsync(db => db.Complaints.Where(c => c.TakenOverAt != null).Select(c => c.TrackingCode).ToListAsync())).Order());
        Assert.Equal(4, await _factory.WithDbAsync(db => db.ComplaintEvents.CountAsync(e => e.Type == ComplaintEventType.TakenOver && e.ActorKind == ActorKind.Staff)));
        var running = await _factory.WithDbAsync(db => db.SlaClocks.Where(k => k.StoppedAt == null).ToListAsync());
        Assert.All(running, k => Assert.Equal(AduanFactory.Start, k.StartedAt));

        // A week later the agency's clocks of the dispatched and in-progress reports have climbed; the officer was told.
        _factory.Time.Advance(TimeSpan.FromDays(7));
        for (var i = 0; i < 3 && await _factory.SweepAsync() > 0; i++)
        {
        }

        var steps = await _factory.StepsAsync();
        Assert.Contains(steps, s => s.Code == open[1] && s.Clock == "Response");
        Assert.Contains(steps, s => s.Code == open[0] && s.Clock == "Verification");
        Assert.Contains(await _factory.SentAsync(), m => m.To == "petugas@bekasikota.go.id");
    }

    [Fact]
    public async Task TakeOver_TickedReport_TakesOverThatOneOnly()
    {
        await ImportLastYearAsync();
        var open = await OpenImportedAsync();
        using var manager = await PageClient.SignedInAsync(_factory, Roles.Manager);
        var page = await manager.GetAsync("/staff/reports?imported=true");
        Assert.NotNull(page.QuerySelector($"input[name=codes][value='{open[2]}']"));

        await manager.SubmitAsync(page, "[data-testid=takeover]", new() { ["codes"] = open[2], ["confirm"] = "true" });

        Assert.Equal([open[2]], await _factory.WithDbAsync(db => db.Complaints.Where(c => c.TakenOverAt != null).Select(c => c.TrackingCode).ToListAsync()));
    }

    [Fact]
    public async Task TakeOver_AsAnOfficer_IsForbiddenAndChangesNothing()
    {
        await ImportLastYearAsync();
        using var officer = await PageClient.SignedInAsync(_factory, Roles.AgencyOfficer, "DBMSDA");
        var list = await officer.GetAsync("/staff/reports?imported=true");
        Assert.Null(list.QuerySelector("[data-testid=takeover]"));
        var form = await officer.GetAsync("/staff/account/notifications");
        var token = ((IHtmlInputElement)form.QuerySelector("input[name=__af]")!).Value;

        using var response = await officer.Http.PostAsync("/staff/reports?handler=TakeOver&imported=true", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__af"] = token, ["scope"] = "all", ["confirm"] = "true" }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.TakenOverAt != null)));
    }

    [Fact]
    public async Task List_FlagOmbudsman_ListsExactlyTheFlaggedReportsAndThePageShowsTheFlag()
    {
        var manager = await _factory.StaffClientAsync(Roles.Manager);
        var old = await _factory.DispatchedAsync(manager);
        var closed = (await _factory.CreateClient().SubmitAsync()).TrackingCode;
        await manager.ActOkAsync(closed, new { action = "archive", reason = "Ganda." });
        _factory.Time.Advance(TimeSpan.FromDays(30));
        manager = await _factory.StaffClientAsync(Roles.Manager); // signed in now: tokens expire
        var newer = await _factory.DispatchedAsync(manager);
        _factory.Time.Advance(TimeSpan.FromDays(31)); // 61 days after the first two (one closed), 31 after the last
        while (await _factory.SweepAsync() > 0)
        {
        }

        manager = await _factory.StaffClientAsync(Roles.Manager);
        var list = await manager.GetFromJsonAsync<PagedList<StaffComplaintListItem>>("/api/v1/staff/complaints?flag=ombudsman", TestApi.Json);
        Assert.Equal([old], list!.Items.Select(i => i.TrackingCode));
        var bad = await manager.GetAsync("/api/v1/staff/complaints?flag=semua");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        using var pages = await PageClient.SignedInAsync(_factory, Roles.Manager);
        var filtered = await pages.GetAsync("/staff/reports?flag=ombudsman");
        Assert.Equal([old], filtered.QuerySelectorAll("[data-testid=reports] tbody tr td:first-child a").Select(a => a.TextContent));
        var detail = await pages.GetAsync($"/staff/reports/{old}");
        Assert.Contains("Ditandai untuk Ombudsman", detail.QuerySelector("[data-testid=ombudsman]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("ditandai untuk Ombudsman", detail.QuerySelector("[data-testid=timeline]")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await pages.GetAsync($"/staff/reports/{newer}")).QuerySelector("[data-testid=ombudsman]"));
    }
}
