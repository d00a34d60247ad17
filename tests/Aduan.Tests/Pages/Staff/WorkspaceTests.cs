using System.Net;
using Aduan.Complaints;
using Aduan.Identity;
using Aduan.Tests.Support;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Pages.Staff;

/// <summary>The staff journeys through the workspace pages (HTML forms, no JavaScript), over real SQLite or PostgreSQL.</summary>
public sealed class WorkspaceTests : IAsyncLifetime
{
    private readonly AduanFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Code(IHtmlDocument page) => page.QuerySelector("[data-testid=tracking-code]")!.TextContent.Trim();

    private static async Task<string> RecordCallAsync(PageClient operatorPage, string phone = "0812 7777 1234", string privacy = "Public",
        string text = "Lampu jalan di depan Puskesmas Bekasi Jaya mati sejak tiga hari yang lalu.")
    {
        var page = await operatorPage.GetAsync("/staff/callcenter");
        page = await operatorPage.SubmitAsync(page, "#record-call", new()
        {
            ["Call.Phone"] = phone, ["Call.Name"] = "Budi Santoso", ["Call.Text"] = text,
            ["Call.Kecamatan"] = "Bekasi Timur", ["Call.Privacy"] = privacy,
        });
        return Code(page);
    }

    [Fact]
    public async Task An_operator_records_a_call_reads_the_code_back_and_finds_it_by_code_and_number()
    {
        using var op = await PageClient.SignedInAsync(_app, Roles.Operator);

        var code = await RecordCallAsync(op);

        Assert.True(TrackingCode.TryNormalize(code, out _), code);
        var stored = await _app.WithDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.TrackingCode == code));
        Assert.Equal(Channel.CallCenter, stored.Channel);
        Assert.Equal("+6281277771234", stored.Reporter.Phone);

        var byCode = await op.GetAsync("/staff/callcenter?q=" + code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));
        Assert.Contains(code, byCode.QuerySelector("[data-testid=lookup-results]")!.TextContent, StringComparison.Ordinal);
        var byPhone = await op.GetAsync("/staff/callcenter?q=081277771234");
        Assert.Contains(code, byPhone.QuerySelector("[data-testid=lookup-results]")!.TextContent, StringComparison.Ordinal);
        var earlier = await op.GetAsync("/staff/callcenter?handler=Earlier&phone=0812-7777-1234");
        Assert.Contains(code, earlier.Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Anonymous")]
    [InlineData("Confidential")]
    public async Task An_operator_looking_up_a_number_does_not_learn_who_filed_a_hidden_report_a_manager_does(string privacy)
    {
        using var op = await PageClient.SignedInAsync(_app, Roles.Operator);
        var hidden = await RecordCallAsync(op, phone: "0813 7777 6666", privacy: privacy,
            text: "Ada pungutan liar di kantor kelurahan setiap mengurus surat pindah.");
        using var manager = await PageClient.SignedInAsync(_app, Roles.Manager);

        var byPhone = await op.GetAsync("/staff/callcenter?q=081377776666");
        var earlier = await op.GetAsync("/staff/callcenter?handler=Earlier&phone=0813-7777-6666");
        var managers = await manager.GetAsync("/staff/callcenter?q=081377776666");

        Assert.DoesNotContain(hidden, PageClient.Text(byPhone), StringComparison.Ordinal);
        Assert.DoesNotContain(hidden, earlier.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(hidden, managers.QuerySelector("[data-testid=lookup-results]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_desk_shows_the_callers_earlier_report_and_a_likely_duplicate_from_another_reporter()
    {
        using var op = await PageClient.SignedInAsync(_app, Roles.Operator);
        var first = await RecordCallAsync(op, phone: "0813 1111 2222", text: "Perumahan Mustikajaya kebanjiran, genangan setinggi lutut sejak subuh.");
        var other = await RecordCallAsync(op, phone: "0857 3333 4444", text: "Perumahan Mustikajaya kebanjiran, genangan belum surut sampai siang.");
        var latest = await RecordCallAsync(op, phone: "0813 1111 2222", text: "Sampah menumpuk di depan pasar, belum diangkut tiga hari.");
        using var manager = await PageClient.SignedInAsync(_app, Roles.Manager);

        var page = await manager.GetAsync("/staff/reports/" + latest);
        var earlier = page.QuerySelector("#h-earlier")!.ParentElement!.TextContent;
        Assert.Contains(first, earlier, StringComparison.Ordinal);
        Assert.DoesNotContain(other, earlier, StringComparison.Ordinal);

        page = await manager.GetAsync("/staff/reports/" + other);
        Assert.Contains(first, page.QuerySelector("#h-dup")!.ParentElement!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_without_text_or_number_is_shown_again_with_messages_beside_the_fields_and_nothing_stored()
    {
        using var op = await PageClient.SignedInAsync(_app, Roles.Operator);
        var page = await op.GetAsync("/staff/callcenter");

        page = await op.SubmitAsync(page, "#record-call", new() { ["Call.Phone"] = "", ["Call.Text"] = "pendek" });

        Assert.Equal(HttpStatusCode.OK, op.Status);
        Assert.NotEmpty(page.QuerySelector("[data-valmsg-for='Call.Phone']")!.TextContent.Trim());
        Assert.NotEmpty(page.QuerySelector("[data-valmsg-for='Call.Text']")!.TextContent.Trim());
        Assert.Equal(0, await _app.WithDbAsync(db => db.Complaints.CountAsync()));
    }

    [Fact]
    public async Task The_manager_verifies_and_dispatches_from_the_desk_and_the_officer_follows_up_with_a_photo()
    {
        using var op = await PageClient.SignedInAsync(_app, Roles.Operator);
        var code = await RecordCallAsync(op);
        using var manager = await PageClient.SignedInAsync(_app, Roles.Manager);

        var desk = await manager.GetAsync("/staff/desk");
        Assert.Contains(code, desk.QuerySelector("[data-testid=reports]")!.TextContent, StringComparison.Ordinal);
        var report = await manager.GetAsync("/staff/desk?handler=Next");
        Assert.Equal("/staff/reports/" + code.ToLowerInvariant(), manager.Address!.AbsolutePath.ToLowerInvariant());
        Assert.Contains("Budi Santoso", report.QuerySelector("[data-testid=reporter]")!.TextContent, StringComparison.Ordinal);

        // Category KESEHATAN pre-selects its default agency once chosen; here the manager picks both.
        // Copies are checkboxes (a filterable list), not a Ctrl-click multi-select.
        Assert.NotNull(report.QuerySelector("#verify [data-testid=copies] input[type=checkbox][name='Form.Copies'][value=DISHUB]"));
        await manager.SubmitAsync(report, "#verify",
            new() { ["Form.Category"] = "KESEHATAN", ["Form.Agency"] = "DINKES", ["Form.Copies"] = "DISHUB\u001fDBMSDA" });
        Assert.Equal("/staff/desk", manager.Address!.AbsolutePath);
        var dispatched = await _app.WithDbAsync(db => db.Complaints.AsNoTracking().Include(c => c.LeadAgency).Include(c => c.Assignments)
            .SingleAsync(c => c.TrackingCode == code));
        Assert.Equal(ComplaintStatus.Dispatched, dispatched.Status);
        Assert.Equal("DINKES", dispatched.LeadAgency!.Code);
        Assert.Equal(2, dispatched.Assignments.Count(a => a.Role == AssignmentRole.Copy));

        using var officer = await PageClient.SignedInAsync(_app, Roles.AgencyOfficer, "DINKES");
        var queue = await officer.GetAsync("/staff/queue");
        Assert.Contains(code, queue.QuerySelector("[data-testid=reports]")!.TextContent, StringComparison.Ordinal);
        var page = await officer.GetAsync("/staff/reports/" + code);
        page = await officer.SubmitAsync(page, "[data-testid=action-acknowledge] form", []);
        Assert.Contains("Proses", page.QuerySelector("[data-testid=status]")!.TextContent, StringComparison.Ordinal);

        page = await officer.SubmitAsync(page, "[data-testid=action-follow-up] form",
            new() { ["Form.Text"] = "Lampu sudah diganti oleh petugas kami.", ["Form.Final"] = "true" },
            file: ("Photos", "bukti.png", "image/png", TestImages.Png(800, 600)));
        Assert.Contains("Lampu sudah diganti", page.QuerySelector("[data-testid=timeline]")!.TextContent, StringComparison.Ordinal);
        var img = page.QuerySelector("[data-testid=timeline] img")!.GetAttribute("src")!;
        using var photo = await officer.Http.GetAsync(img);
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType!.MediaType);
        var bytes = await photo.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xFF, 0xD8, 0xFF], bytes[..3]);

        // The follow-up's event lists the photo's hash: the chain vouches for it.
        var followUp = await _app.WithDbAsync(db => db.ComplaintEvents.AsNoTracking()
            .Where(e => e.Type == ComplaintEventType.FollowUp).SingleAsync());
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), followUp.Data!, StringComparison.Ordinal);

        // Another agency's officer cannot open the report or its photo.
        using var stranger = await PageClient.SignedInAsync(_app, Roles.AgencyOfficer, "DISDUKCAPIL");
        await stranger.GetAsync("/staff/reports/" + code);
        Assert.Equal(HttpStatusCode.NotFound, stranger.Status);
        using var stolen = await stranger.Http.GetAsync(img);
        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
    }

    [Fact]
    public async Task A_file_that_is_not_a_photo_is_refused_beside_the_field_and_the_follow_up_is_not_saved()
    {
        var code = await DispatchedAsync("DINKES");
        using var officer = await PageClient.SignedInAsync(_app, Roles.AgencyOfficer, "DINKES");
        var page = await officer.GetAsync("/staff/reports/" + code);

        page = await officer.SubmitAsync(page, "[data-testid=action-follow-up] form", new() { ["Form.Text"] = "Sudah ditangani." },
            file: ("Photos", "bukti.jpg", "image/jpeg", "<?php echo 'not a photo'; ?>"u8.ToArray()));

        Assert.Contains("bukan foto", page.QuerySelector("[data-valmsg-for=Photos]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.ComplaintEvents.CountAsync(e => e.Type == ComplaintEventType.FollowUp)));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Attachments.CountAsync()));
    }

    [Fact]
    public async Task A_refused_follow_up_with_a_photo_is_summed_up_under_the_heading_with_links_to_its_fields()
    {
        var code = await DispatchedAsync("DINKES");
        using var officer = await PageClient.SignedInAsync(_app, Roles.AgencyOfficer, "DINKES");
        var page = await officer.GetAsync("/staff/reports/" + code);

        page = await officer.SubmitAsync(page, "[data-testid=action-follow-up] form", new() { ["Form.Text"] = "" },
            file: ("Photos", "bukti.png", "image/png", TestImages.Png(40, 30)));

        // First in <main> after the heading, not beside the form in the second column; the title says so too.
        var summary = page.QuerySelector("main > h1 + [data-testid=error-summary]");
        Assert.NotNull(summary);
        Assert.Equal("-1", summary.GetAttribute("tabindex"));
        Assert.NotNull(page.GetElementById("follow-up-t"));
        Assert.NotNull(summary.QuerySelector("a[href='#follow-up-t']"));
        Assert.StartsWith("Kesalahan: ", page.Title, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-testid=action-follow-up] [data-testid=photos-again]"));
        Assert.Equal(0, await _app.WithDbAsync(db => db.ComplaintEvents.CountAsync(e => e.Type == ComplaintEventType.FollowUp)));
    }

    [Fact]
    public async Task A_second_manager_acting_on_a_report_changed_meanwhile_is_told_who_changed_it_and_nothing_is_overwritten()
    {
        using var op = await PageClient.SignedInAsync(_app, Roles.Operator);
        var code = await RecordCallAsync(op);
        using var first = await PageClient.SignedInAsync(_app, Roles.Manager);
        using var second = await PageClient.SignedInAsync(_app, Roles.Manager);
        var firstPage = await first.GetAsync("/staff/reports/" + code);
        var secondPage = await second.GetAsync("/staff/reports/" + code);

        await first.SubmitAsync(firstPage, "[data-testid=action-classify] form", new() { ["Form.Priority"] = "High" });
        secondPage = await second.SubmitAsync(secondPage, "[data-testid=action-archive] form", new() { ["Form.Reason"] = "Bukan wewenang kota." });

        var stale = secondPage.QuerySelector("[data-testid=stale]")!.TextContent;
        Assert.Contains("Petugas manager", stale, StringComparison.Ordinal);
        var stored = await _app.WithDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.TrackingCode == code));
        Assert.Equal(ComplaintStatus.Submitted, stored.Status);
        Assert.Equal(Priority.High, stored.Priority);
    }

    [Fact]
    public async Task An_officer_sees_the_reporter_of_a_public_report_but_not_of_an_anonymous_one()
    {
        var open = await DispatchedAsync("DINKES", privacy: "Public");
        var anonymous = await DispatchedAsync("DINKES", privacy: "Anonymous");
        using var officer = await PageClient.SignedInAsync(_app, Roles.AgencyOfficer, "DINKES");

        var shown = await officer.GetAsync("/staff/reports/" + open);
        var hidden = await officer.GetAsync("/staff/reports/" + anonymous);

        Assert.Contains("Siti Aminah", shown.QuerySelector("[data-testid=reporter]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Siti Aminah", hidden.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("3456", hidden.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_urc_takes_an_urgent_task_reports_on_site_and_finishes_it_with_a_photo()
    {
        var code = await DispatchedAsync("DINKES", priority: "Urgent");
        using var urc = await PageClient.SignedInAsync(_app, Roles.Urc, "DINKES");

        var board = await urc.GetAsync("/staff/urc");
        Assert.NotNull(board.QuerySelector($"[data-testid=task-{code}]"));
        board = await urc.SubmitAsync(board, $"[data-testid=task-{code}] form", []);
        Assert.Equal("/staff/urc", urc.Address!.AbsolutePath);
        board = await urc.SubmitAsync(board, $"[data-testid=task-{code}] form", []); // on site
        Assert.True(urc.Address!.AbsolutePath == "/staff/urc", urc.Address + PageClient.Text(board));
        var onSite = await _app.WithDbAsync(db => db.SlaClocks.AsNoTracking()
            .SingleAsync(k => k.Kind == Aduan.Sla.SlaClockKind.UrgentOnSite && k.ComplaintId == db.Complaints.Single(c => c.TrackingCode == code).Id));
        Assert.NotNull(onSite.StoppedAt);

        Assert.Contains(code, board.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal); // "on site" is confirmed as such
        Assert.Null(board.QuerySelector($"[data-testid=task-{code}] form input[name='Form.OnSite']"));

        // "Done" without the proof photo the policy asks for: told so beside the photo field, nothing changed.
        var refused = await urc.SubmitAsync(board, $"[data-testid=task-{code}] details form", new() { ["Form.Text"] = "Korban sudah dievakuasi ke RSUD." });
        Assert.NotEmpty(refused.QuerySelector("[data-valmsg-for=Photos]")!.TextContent.Trim());
        Assert.Equal(ComplaintStatus.InProgress, (await _app.WithDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.TrackingCode == code))).Status);

        board = await urc.GetAsync("/staff/urc");
        await urc.SubmitAsync(board, $"[data-testid=task-{code}] details form", new() { ["Form.Text"] = "Korban sudah dievakuasi ke RSUD." },
            file: ("Photos", "lokasi.png", "image/png", TestImages.Png(300, 300)));
        var done = await _app.WithDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.TrackingCode == code));
        Assert.Equal(ComplaintStatus.FollowedUp, done.Status);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Attachments.CountAsync()));
    }

    [Fact]
    public async Task An_urgent_report_shows_its_hour_clock_in_the_queue_and_each_deadline_once_on_its_page()
    {
        var code = await DispatchedAsync("DINKES", priority: "Urgent");
        using var officer = await PageClient.SignedInAsync(_app, Roles.AgencyOfficer, "DINKES");

        var queue = await officer.GetAsync("/staff/queue");
        var row = queue.QuerySelectorAll("[data-testid=reports] tbody tr").Single(tr => tr.TextContent.Contains(code, StringComparison.Ordinal));
        var due = row.QuerySelector("[data-testid=due]")!.TextContent;
        Assert.Contains("jam", due, StringComparison.Ordinal); // the one-hour acknowledgement clock, not the resolution's days
        Assert.DoesNotContain("hari", due, StringComparison.Ordinal);
        Assert.Contains("URC", due, StringComparison.Ordinal);

        // A follow-up sent back restarts the resolution clock with the same deadline: one row, not two.
        using var api = await _app.StaffClientAsync(Roles.Manager);
        using var officerApi = await _app.StaffClientAsync(Roles.AgencyOfficer, "DINKES");
        await officerApi.ActOkAsync(code, new { action = "acknowledge" });
        await officerApi.ActOkAsync(code, new { action = "follow-up", text = "Tim sudah memeriksa lokasi dan membersihkan saluran.", final = true });
        await api.ActOkAsync(code, new { action = "reject-follow-up", reason = "Foto bukti belum ada." });

        var page = await officer.GetAsync("/staff/reports/" + code);
        Assert.Single(page.QuerySelectorAll("[data-testid=deadlines] li[data-clock=Resolution]"));
    }

    [Fact]
    public async Task A_role_taken_away_by_an_admin_stops_working_on_the_next_request()
    {
        var name = await _app.CreateUserAsync(Roles.Manager);
        await _app.CreateUserAsync(Roles.Operator); // the role exists
        using var manager = PageClient.For(_app);
        await manager.SignInAsync(name);
        await manager.GetAsync("/staff/desk");
        Assert.Equal(HttpStatusCode.OK, manager.Status);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffUser>>();
            var user = (await users.FindByNameAsync(name))!;
            await users.RemoveFromRoleAsync(user, Roles.Manager);
            await users.AddToRoleAsync(user, Roles.Operator);
        }

        await manager.GetAsync("/staff/desk");
        Assert.Equal(HttpStatusCode.Forbidden, manager.Status);
    }

    private async Task<string> DispatchedAsync(string agency, string privacy = "Public", string priority = "Normal")
    {
        using var api = await _app.StaffClientAsync(Roles.Manager);
        var submitted = await api.SubmitAsync(TestApi.Report(category: "KESEHATAN", privacy: privacy));
        if (priority != "Normal")
        {
            await api.ActOkAsync(submitted.TrackingCode, new { action = "classify", priority });
        }

        await api.ActOkAsync(submitted.TrackingCode, new { action = "dispatch", agency });
        return submitted.TrackingCode;
    }
}
