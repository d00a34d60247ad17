using Aduan.Identity;
using Aduan.Outbox;
using Aduan.Supervision;
using Aduan.Tests.Support;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Aduan.Tests.Supervision;

/// <summary>
/// The weekly and monthly summaries, from the fake clock to a real SMTP server on loopback: who gets
/// which figures, once per period, and the admin's "send now".
/// </summary>
[Collection(SmtpServer.Name)]
public sealed class ScheduledSummariesTests : IAsyncLifetime
{
    private readonly SmtpServer _smtp;
    private readonly AduanFactory _app;
    private readonly string _extra = SmtpServer.NewAddress("sekda");

    public ScheduledSummariesTests(SmtpServer smtp)
    {
        _smtp = smtp;
        _app = AduanFactory.With([.. smtp.Settings, ("Aduan:Summaries:ExtraRecipients:0", _extra)]);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Monday 8 June 2026 at 07:00 WIB: the week of 1–7 June is due (and May, whose summary went out on Tuesday 2 June, Monday 1 June being Pancasila).</summary>
    private static readonly DateTimeOffset MondaySeven = new(2026, 6, 8, 7, 0, 0, TimeSpan.FromHours(7));

    private async Task<string> UserAsync(string role, string? agency, string email, StaffNotify notify = StaffNotify.EachEvent)
    {
        var name = await _app.CreateUserAsync(role, agency);
        return await _app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == name);
            (user.Email, user.Notify) = (email, notify);
            await db.SaveChangesAsync();
            return user.Id;
        });
    }

    /// <summary>In the week of 1–7 June: two road reports (one followed up) to DBMSDA, one health report to DINKES.</summary>
    private async Task SeedWeekAsync()
    {
        var manager = await _app.StaffClientAsync(Roles.Manager);
        var officer = await _app.StaffClientAsync(Roles.AgencyOfficer, "DBMSDA");
        var citizen = _app.CreateClient();
        var road1 = (await citizen.SubmitAsync(TestApi.Report(reporter: new { name = "Budi" }))).TrackingCode;
        var road2 = (await citizen.SubmitAsync(TestApi.Report(reporter: new { name = "Budi" }))).TrackingCode;
        var health = (await citizen.SubmitAsync(TestApi.Report("Antrean puskesmas sangat panjang dan petugas tidak ada di loket.",
            category: "KESEHATAN", reporter: new { name = "Budi" }))).TrackingCode;
        foreach (var code in new[] { road1, road2, health })
        {
            await manager.ActOkAsync(code, new { action = "dispatch" });
        }

        _app.Time.Advance(TimeSpan.FromHours(3));
        await officer.ActOkAsync(road1, new { action = "follow-up", text = "Lubang sudah ditambal.", final = true });
    }

    private Task<int?> RunAsync() => _app.Services.GetRequiredService<ScheduledSummaries>().RunOnceAsync(CancellationToken.None);

    private async Task DeliverAsync()
    {
        var dispatcher = _app.Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.DispatchDueAsync(CancellationToken.None) > 0)
        {
        }
    }

    private MimeMessage Weekly(string address) =>
        Assert.Single(_smtp.MessagesTo(address), m => m.Subject!.Contains("mingguan", StringComparison.Ordinal));

    private static XLWorkbook Workbook(MimeMessage mail)
    {
        var file = Assert.IsType<MimePart>(Assert.Single(mail.Attachments));
        Assert.EndsWith(".xlsx", file.FileName, StringComparison.Ordinal);
        var content = new MemoryStream();
        file.Content!.DecodeTo(content);
        content.Position = 0;
        return new XLWorkbook(content);
    }

    [Fact]
    public async Task MondaySevenWib_EachRecipientGetsTheirOwnFiguresOnce()
    {
        var leader = SmtpServer.NewAddress("walikota");
        var quiet = SmtpServer.NewAddress("pimpinan-tanpa-email");
        var roadHead = SmtpServer.NewAddress("kepala-dbmsda");
        var healthHead = SmtpServer.NewAddress("kepala-dinkes");
        var officer = SmtpServer.NewAddress("petugas");
        await UserAsync(Roles.Leadership, null, leader);
        await UserAsync(Roles.Leadership, null, quiet, StaffNotify.None);
        await UserAsync(Roles.AgencyHead, "DBMSDA", roadHead);
        await UserAsync(Roles.AgencyHead, "DINKES", healthHead);
        await UserAsync(Roles.AgencyOfficer, "DBMSDA", officer);
        await SeedWeekAsync();

        _app.Time.SetUtcNow(MondaySeven);
        var first = await RunAsync();
        var second = await RunAsync();
        await DeliverAsync();

        Assert.Equal(8, first); // four recipients (the leader, the extra address, two heads), the week and May each
        Assert.Equal(0, second);
        var city = Weekly(leader);
        Assert.Equal("Ringkasan mingguan pengaduan: seluruh instansi, 1–7 Juni 2026", city.Subject);
        Assert.Contains("Laporan masuk: 3\n", city.TextBody, StringComparison.Ordinal);
        Assert.Contains("Sudah ditindaklanjuti: 1\n", city.TextBody, StringComparison.Ordinal);
        Assert.Contains("Dinas Bina Marga dan Sumber Daya Air: 2 / 1", city.TextBody, StringComparison.Ordinal);
        Assert.Contains("Dinas Kesehatan: 1 / 0", city.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://localhost/staff/dasbor?from=2026-06-01&to=2026-06-07", city.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Budi", city.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Margahayu", city.TextBody, StringComparison.Ordinal); // never a report's text
        Assert.Equal(city.TextBody, Weekly(_extra).TextBody);

        var road = Weekly(roadHead);
        Assert.StartsWith("Ringkasan mingguan pengaduan: Dinas Bina Marga dan Sumber Daya Air", road.Subject, StringComparison.Ordinal);
        Assert.Contains("Laporan masuk: 2\n", road.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Dinas Kesehatan", road.TextBody, StringComparison.Ordinal);
        Assert.Contains("Laporan masuk: 1\n", Weekly(healthHead).TextBody, StringComparison.Ordinal);

        var monthly = Assert.Single(_smtp.MessagesTo(leader), m => m.Subject!.Contains("bulanan", StringComparison.Ordinal));
        Assert.Contains("Mei 2026", monthly.Subject, StringComparison.Ordinal);
        Assert.Contains("Laporan masuk: 0\n", monthly.TextBody, StringComparison.Ordinal);
        Assert.Empty(_smtp.MessagesTo(quiet));
        Assert.DoesNotContain(_smtp.MessagesTo(officer), m => m.Subject!.StartsWith("Ringkasan", StringComparison.Ordinal)); // only the dispatch e-mails

        using var book = Workbook(city);
        Assert.Contains(book.Worksheets, s => s.CellsUsed().Any(c => c.GetString() == "Dinas Bina Marga dan Sumber Daya Air"));
        using var roadBook = Workbook(road);
        Assert.DoesNotContain(roadBook.Worksheets, s => s.CellsUsed().Any(c => c.GetString() == "Dinas Kesehatan"));
    }

    [Fact]
    public async Task MondayBeforeSevenWib_TheWeekJustEndedIsNotSentYet()
    {
        var leader = SmtpServer.NewAddress("walikota");
        await UserAsync(Roles.Leadership, null, leader);
        await SeedWeekAsync();

        _app.Time.SetUtcNow(MondaySeven.AddMinutes(-1));
        await RunAsync();
        var keys = await _app.WithDbAsync(db => db.OutboxMessages.Select(m => m.IdempotencyKey).Where(k => k.StartsWith("summary/")).ToListAsync());

        Assert.DoesNotContain(keys, k => k.StartsWith("summary/weekly/2026-06-01/", StringComparison.Ordinal));
        Assert.Contains(keys, k => k.StartsWith("summary/weekly/2026-05-25/", StringComparison.Ordinal)); // the week before, not sent yet on a new database
        _app.Time.SetUtcNow(MondaySeven);
        Assert.Equal(2, await RunAsync()); // the leader and the extra address
    }

    [Fact]
    public async Task AdminSendNow_SendsAgainToEveryoneAndIsAudited()
    {
        var leader = SmtpServer.NewAddress("walikota");
        await UserAsync(Roles.Leadership, null, leader);
        _app.Time.SetUtcNow(MondaySeven);
        await RunAsync();
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);

        var page = await admin.GetAsync("/admin/summaries");
        Assert.Contains("1–7 Juni 2026", page.QuerySelector("[data-testid=summary-weekly]")!.TextContent, StringComparison.Ordinal);
        page = await admin.SubmitAsync(page, "[data-testid=summary-weekly] form", []);
        await DeliverAsync();

        Assert.Contains("2 email ringkasan Mingguan diantrekan", PageClient.Text(page), StringComparison.Ordinal);
        Assert.Equal(2, _smtp.MessagesTo(leader).Count(m => m.Subject!.Contains("mingguan", StringComparison.Ordinal)));
        Assert.Equal("weekly/2026-06-01", await _app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "summary.send-now").Select(e => e.Subject).SingleAsync()));
    }

    [Fact]
    public async Task AdminPage_ManagerIsRefused()
    {
        using var manager = await PageClient.SignedInAsync(_app, Roles.Manager);

        await manager.GetAsync("/admin/summaries");

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, manager.Status);
    }
}
