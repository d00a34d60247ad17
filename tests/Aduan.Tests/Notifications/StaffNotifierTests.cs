using Aduan.Sms;
using System.Text.Json;
using Aduan.Identity;
using Aduan.Notifications;
using Aduan.Outbox;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Notifications;

/// <summary>What the agency's staff hear: new dispatches, urgent reports, the daily digest; e-mail through a real SMTP server.</summary>
[Collection(SmtpServer.Name)]
public sealed class StaffNotifierTests(SmtpServer smtp) : IAsyncLifetime
{
    private readonly AduanFactory _factory = AduanFactory.With(smtp.Settings);
    private HttpClient _manager = null!;

    public async Task InitializeAsync() => _manager = await _factory.StaffClientAsync("Manager");

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    private async Task<string> UserAsync(string role, string agency, string? email, string? phone = null, StaffNotify notify = StaffNotify.EachEvent)
    {
        var name = await _factory.CreateUserAsync(role, agency);
        return await _factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == name);
            (user.Email, user.PhoneNumber, user.Notify) = (email, phone, notify);
            await db.SaveChangesAsync();
            return user.Id;
        });
    }

    /// <summary>A report without a reporter contact, so only staff messages are queued.</summary>
    private async Task<string> ReportAsync() => (await _factory.CreateClient().SubmitAsync(TestApi.Report(reporter: new { name = "Budi" }))).TrackingCode;

    private Task<int> DispatchAsync() => _factory.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);

    private Task<List<OutboxMessage>> QueuedAsync(string prefix) => _factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
        .Where(m => m.IdempotencyKey.StartsWith(prefix)).OrderBy(m => m.Id).ToListAsync());

    [Fact]
    public async Task Dispatch_OfficersWhoWantEachEvent_GetOneMailEach()
    {
        var officer = SmtpServer.NewAddress("petugas");
        var head = SmtpServer.NewAddress("kepala");
        var digest = SmtpServer.NewAddress("ringkasan");
        var otherAgency = SmtpServer.NewAddress("dinkes");
        await UserAsync(Roles.AgencyOfficer, "DBMSDA", officer);
        await UserAsync(Roles.AgencyHead, "DBMSDA", head);
        await UserAsync(Roles.AgencyOfficer, "DBMSDA", digest, notify: StaffNotify.DailyDigest);
        await UserAsync(Roles.AgencyOfficer, "DINKES", otherAgency);
        var code = await ReportAsync();

        await _manager.ActOkAsync(code, new { action = "dispatch" });
        await DispatchAsync();

        var mail = Assert.Single(smtp.MessagesTo(officer));
        Assert.Equal($"Laporan baru {code} untuk Dinas Bina Marga dan Sumber Daya Air", mail.Subject);
        Assert.Contains($"http://localhost/staff/reports/{code}", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("SDN Margahayu", mail.TextBody, StringComparison.Ordinal); // never the report's text
        Assert.Single(smtp.MessagesTo(head));
        Assert.Empty(smtp.MessagesTo(digest));
        Assert.Empty(smtp.MessagesTo(otherAgency));
    }

    [Fact]
    public async Task UrgentDispatch_UrcWithAPhoneGetsAnSmsAtOnce_WithoutOneAMail()
    {
        var urcPhone = await UserAsync(Roles.Urc, "DBMSDA", SmtpServer.NewAddress("urc"), "+6281311112222", StaffNotify.DailyDigest);
        var urcMail = SmtpServer.NewAddress("urc-tanpa-hp");
        await UserAsync(Roles.Urc, "DBMSDA", urcMail);
        var code = await ReportAsync();
        await _manager.ActOkAsync(code, new { action = "classify", priority = "Urgent" });

        await _manager.ActOkAsync(code, new { action = "dispatch" });
        await DispatchAsync();

        var sms = Assert.Single(await QueuedAsync($"staff/{code}/"), m => m.Type == "sms");
        Assert.Contains(urcPhone, sms.IdempotencyKey, StringComparison.Ordinal);
        var payload = JsonSerializer.Deserialize<SmsPayload>(sms.Payload, JsonSerializerOptions.Web)!;
        Assert.Equal("+6281311112222", payload.To);
        Assert.StartsWith($"URGENT {code}:", payload.Text, StringComparison.Ordinal);
        Assert.True(SmsFit.Length(payload.Text, out _) <= SmsFit.GsmSegment, payload.Text);
        Assert.Equal($"URGENT: laporan {code} untuk Dinas Bina Marga dan Sumber Daya Air", Assert.Single(smtp.MessagesTo(urcMail)).Subject);
    }

    [Fact]
    public async Task MadeUrgentAfterDispatch_TellsTheUrc()
    {
        await UserAsync(Roles.Urc, "DBMSDA", null, "+6281311113333");
        var code = await ReportAsync();
        await _manager.ActOkAsync(code, new { action = "dispatch" });
        Assert.Empty(await QueuedAsync($"staff/{code}/"));

        await _manager.ActOkAsync(code, new { action = "classify", priority = "Urgent" });

        Assert.Equal("sms", Assert.Single(await QueuedAsync($"staff/{code}/")).Type);
    }

    [Fact]
    public async Task DailyDigest_OneMailADayListingTheNewReports()
    {
        var to = SmtpServer.NewAddress("ringkasan");
        var userId = await UserAsync(Roles.AgencyHead, "DBMSDA", to, notify: StaffNotify.DailyDigest);
        var first = await ReportAsync();
        var second = await ReportAsync();
        await _manager.ActOkAsync(first, new { action = "dispatch" });
        await _manager.ActOkAsync(second, new { action = "dispatch" });
        var digest = _factory.Services.GetRequiredService<DailyDigest>();

        Assert.Equal(1, await digest.RunOnceAsync(CancellationToken.None)); // 10:00 WIB, after 07:00
        Assert.Equal(0, await digest.RunOnceAsync(CancellationToken.None)); // once a day
        _factory.Time.Advance(TimeSpan.FromHours(20)); // 06:00 WIB the next day: not yet
        Assert.Equal(0, await digest.RunOnceAsync(CancellationToken.None));
        await DispatchAsync();

        var mail = Assert.Single(smtp.MessagesTo(to));
        Assert.Equal("Ringkasan harian Dinas Bina Marga dan Sumber Daya Air: 2 laporan baru", mail.Subject);
        Assert.Contains(first, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(second, mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(DailyDigest.Key(userId, "2026-06-02") + "@bekasikota.test", mail.MessageId);
    }
}
