using Aduan.Sms;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aduan.Complaints;
using Aduan.Notifications;
using Aduan.Outbox;
using Aduan.Privacy;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Notifications;

/// <summary>What a reporter hears, from the API through the outbox to a real SMTP server.</summary>
[Collection(SmtpServer.Name)]
public sealed class ReporterNotifierTests(SmtpServer smtp) : IAsyncLifetime
{
    private readonly AduanFactory _factory = AduanFactory.With(smtp.Settings);
    private HttpClient _manager = null!;
    private HttpClient _officer = null!;

    public async Task InitializeAsync()
    {
        _manager = await _factory.StaffClientAsync("Manager");
        _officer = await _factory.StaffClientAsync("AgencyOfficer", "DBMSDA");
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    private static object Report(string? email, string? phone = null, string privacy = "Public", string? notifyBy = null,
        string text = "Jalan di depan SDN Margahayu 5 berlubang besar dan membahayakan pengendara motor.") => new
        {
            text,
            category = "JALAN",
            privacy,
            notifyBy,
            reporter = new { name = "Siti Aminah", phone, email },
            location = new { address = "Jl. Margahayu No. 5", kecamatan = "Bekasi Timur" },
        };

    private Task<int> DispatchAsync() => _factory.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);

    private Task<List<OutboxMessage>> QueuedAsync(string code) => _factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
        .Where(m => m.IdempotencyKey.StartsWith("notify/" + code + "/")).OrderBy(m => m.Id).ToListAsync());

    /// <summary>The mails to <paramref name="to"/> in the order of their events (the Message-Id carries the sequence; delivery order may differ).</summary>
    private List<MimeKit.MimeMessage> MailsTo(string to) =>
        [.. smtp.MessagesTo(to).OrderBy(m => int.Parse(m.MessageId!.Split('/')[2], System.Globalization.CultureInfo.InvariantCulture))];

    [Fact]
    public async Task Submit_WithEmail_ReporterGetsCodeAndKeyByEmail()
    {
        var to = SmtpServer.NewAddress();
        var created = await _factory.CreateClient().SubmitAsync(Report(to, "0812-3456-7890"));

        await DispatchAsync();

        var mail = Assert.Single(smtp.MessagesTo(to));
        Assert.Equal($"Laporan {created.TrackingCode} diterima", mail.Subject);
        Assert.Contains(created.ReporterKey, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"http://localhost/lacak/{created.TrackingCode}", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(ReporterNotifier.Key(created.TrackingCode, 1, "email") + "@bekasikota.test", mail.MessageId);
    }

    [Fact]
    public async Task Submit_InEnglish_GetsEnglishEmail()
    {
        var to = SmtpServer.NewAddress();
        var response = await _factory.CreateClient().PostAsJsonAsync("/api/v1/complaints?lang=en", Report(to));
        var created = (await response.Content.ReadFromJsonAsync<SubmitComplaintResponse>(TestApi.Json))!;

        await DispatchAsync();

        Assert.Equal($"Report {created.TrackingCode} received", Assert.Single(smtp.MessagesTo(to)).Subject);
    }

    [Fact]
    public async Task Submit_WithPhoneOnly_QueuesOneSmsWithCodeButNoKey()
    {
        var created = await _factory.CreateClient().SubmitAsync(Report(null, "0812-3456-7890"));

        var message = Assert.Single(await QueuedAsync(created.TrackingCode));
        Assert.Equal(("sms", ReporterNotifier.Key(created.TrackingCode, 1, "sms")), (message.Type, message.IdempotencyKey));
        var sms = JsonSerializer.Deserialize<SmsPayload>(message.Payload, JsonSerializerOptions.Web)!;
        Assert.Equal("+6281234567890", sms.To);
        Assert.Contains(created.TrackingCode, sms.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(created.ReporterKey, sms.Text, StringComparison.Ordinal);
        Assert.True(SmsFit.Length(sms.Text, out var gsm) <= SmsFit.GsmSegment && gsm, sms.Text);
    }

    [Fact]
    public async Task Submit_BySmsChannel_NoReceivedMessageButLaterNewsBySms()
    {
        var operatorClient = await _factory.StaffClientAsync("Operator");
        var created = await operatorClient.SubmitAsync(new
        {
            text = "Lampu jalan di Jl. Ahmad Yani mati sejak seminggu.", category = "JALAN", channel = "Sms",
            reporter = new { phone = "081298765432" },
        });
        Assert.Empty(await QueuedAsync(created.TrackingCode));

        await _manager.ActOkAsync(created.TrackingCode, new { action = "dispatch" });

        var message = Assert.Single(await QueuedAsync(created.TrackingCode));
        Assert.Equal("sms", message.Type);
        Assert.Contains("Dinas Bina Marga", JsonSerializer.Deserialize<SmsPayload>(message.Payload, JsonSerializerOptions.Web)!.Text,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lifecycle_EachStepReachesTheReporterOnceByEmail()
    {
        var to = SmtpServer.NewAddress();
        var created = await _factory.CreateClient().SubmitAsync(Report(to));
        var code = created.TrackingCode;
        await _manager.ActOkAsync(code, new { action = "defer", question = "Di RT/RW berapa tepatnya?" });
        var reply = await _factory.CreateClient().PostAsReporterAsync($"/api/v1/complaints/{code}/replies", created.ReporterKey,
            new { text = "RT 03 RW 05, depan warung." });
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        await _manager.ActOkAsync(code, new { action = "dispatch" });
        await _officer.ActOkAsync(code, new { action = "follow-up", text = "Lubang sudah ditambal oleh tim UPTD.", final = true });
        await _manager.ActOkAsync(code, new { action = "resolve" });
        await _manager.ActOkAsync(code, new { action = "reopen", reason = "Pelapor menelepon: tambalan ambles lagi." });

        await DispatchAsync();
        await DispatchAsync(); // nothing twice

        var mails = MailsTo(to);
        Assert.Equal(
            [$"Laporan {code} diterima", $"Laporan {code}: petugas bertanya", $"Laporan {code} diteruskan ke Dinas Bina Marga dan Sumber Daya Air",
             $"Tindak lanjut laporan {code}", $"Laporan {code} selesai", $"Laporan {code} dibuka kembali"],
            mails.Select(m => m.Subject));
        Assert.Contains("Di RT/RW berapa tepatnya?", mails[1].TextBody, StringComparison.Ordinal);
        Assert.Contains("Lubang sudah ditambal oleh tim UPTD.", mails[3].TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("tambalan ambles", mails[5].TextBody, StringComparison.Ordinal); // the reopening note is staff-only
        Assert.Equal(mails.Count, mails.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task Archive_TellsTheReason()
    {
        var created = await _factory.CreateClient().SubmitAsync(Report(null, "0812-3456-7890"));

        await _manager.ActOkAsync(created.TrackingCode, new { action = "archive", reason = "Lokasi di luar Kota Bekasi." });

        var sms = JsonSerializer.Deserialize<SmsPayload>((await QueuedAsync(created.TrackingCode))[^1].Payload, JsonSerializerOptions.Web)!;
        Assert.Equal($"Laporan {created.TrackingCode} diarsipkan: Lokasi di luar Kota Bekasi.", sms.Text);
    }

    [Fact]
    public async Task Merge_TellsThePrimarysCode()
    {
        var primary = await _factory.CreateClient().SubmitAsync(Report(null));
        var to = SmtpServer.NewAddress();
        var duplicate = await _factory.CreateClient().SubmitAsync(Report(to));

        await _manager.ActOkAsync(duplicate.TrackingCode, new { action = "merge", primary = primary.TrackingCode });
        await DispatchAsync();

        Assert.Equal($"Laporan {duplicate.TrackingCode} digabung ke {primary.TrackingCode}", MailsTo(to)[^1].Subject);
    }

    [Fact]
    public async Task Confidential_FollowUpTextIsNotSent()
    {
        var to = SmtpServer.NewAddress();
        var created = await _factory.CreateClient().SubmitAsync(Report(to, privacy: "Confidential",
            text: "Petugas puskesmas meminta uang pelicin untuk surat rujukan."));
        await _manager.ActOkAsync(created.TrackingCode, new { action = "dispatch" });
        await _officer.ActOkAsync(created.TrackingCode, new { action = "follow-up", text = "Petugas yang bersangkutan sudah diperiksa.", final = true });

        await DispatchAsync();

        var mails = MailsTo(to);
        Assert.Equal(3, mails.Count);
        Assert.All(mails, m => Assert.DoesNotContain("pelicin", m.TextBody, StringComparison.Ordinal));
        Assert.DoesNotContain("diperiksa", mails[2].TextBody, StringComparison.Ordinal);
        Assert.Contains("rahasia", mails[2].TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotifyByNone_NothingIsQueued()
    {
        var created = await _factory.CreateClient().SubmitAsync(Report(SmtpServer.NewAddress(), "0812-3456-7890", notifyBy: "None"));
        await _manager.ActOkAsync(created.TrackingCode, new { action = "dispatch" });

        Assert.Empty(await QueuedAsync(created.TrackingCode));
    }

    [Fact]
    public async Task NotifyByEmail_WithoutAnAddress_IsRefusedBesideTheField()
    {
        var response = await _factory.CreateClient().PostAsJsonAsync("/api/v1/complaints", Report(null, "0812-3456-7890", notifyBy: "Email"));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("notifyBy", out _));
    }

    [Fact]
    public async Task ContactErased_NothingMoreIsSent()
    {
        var created = await _factory.CreateClient().SubmitAsync(Report(SmtpServer.NewAddress(), "0812-3456-7890"));
        var id = await _factory.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == created.TrackingCode).Select(c => c.Id).SingleAsync());
        await _factory.Services.GetRequiredService<ContactErasure>().EraseAsync([id], Actor.System, ContactErasureReason.Request, CancellationToken.None);

        await _manager.ActOkAsync(created.TrackingCode, new { action = "dispatch" });

        Assert.Single(await QueuedAsync(created.TrackingCode)); // the "received" mail only, queued before the erasure
    }

    [Fact]
    public async Task SmtpDown_WhileTheReportChanges_RetriesAndArrivesOnceWhenBack()
    {
        var to = SmtpServer.NewAddress();
        var created = await _factory.CreateClient().SubmitAsync(Report(to));
        await smtp.StopAsync();
        try
        {
            await _manager.ActOkAsync(created.TrackingCode, new { action = "dispatch" });
            await DispatchAsync();
            _factory.Time.Advance(TimeSpan.FromMinutes(1));
            await DispatchAsync();

            var waiting = await QueuedAsync(created.TrackingCode);
            Assert.All(waiting, m => Assert.Equal((OutboxStatus.Pending, 2, EmailSender.Unreachable), (m.Status, m.Attempts, m.LastError)));
            Assert.Empty(smtp.MessagesTo(to));
        }
        finally
        {
            await smtp.StartAsync();
        }

        _factory.Time.Advance(TimeSpan.FromMinutes(1));
        await DispatchAsync();
        _factory.Time.Advance(TimeSpan.FromHours(2));
        await DispatchAsync();

        Assert.Equal(2, smtp.MessagesTo(to).Count);
        Assert.All(await QueuedAsync(created.TrackingCode), m => Assert.Equal((OutboxStatus.Delivered, 3), (m.Status, m.Attempts)));
    }
}

[Trait("Category", "NoDatabase")]
public sealed class SmsFitTests
{
    [Fact]
    public void Fit_LongFollowUp_CutToOneGsmSegment()
    {
        var text = SmsFit.Fit(t => $"Tindak lanjut laporan K7M2Q-XP4RT: {t}", new string('a', 400));

        Assert.Equal(SmsFit.GsmSegment, SmsFit.Length(text, out var gsm));
        Assert.True(gsm);
        Assert.EndsWith("a...", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_NonGsmCharacter_CutToOneUcs2Segment()
    {
        var text = SmsFit.Fit(t => $"Tindak lanjut: {t}", "Sudah ditangani 👍 " + new string('b', 200));

        Assert.True(SmsFit.Length(text, out var gsm) <= SmsFit.UcsSegment);
        Assert.False(gsm);
    }

    [Fact]
    public void Fit_ShortText_Unchanged()
    {
        Assert.Equal("Laporan X: pendek", SmsFit.Fit(t => $"Laporan X: {t}", "pendek"));
    }

    [Fact]
    public void Templates_EveryEventHasSmsSubjectAndEmail()
    {
        foreach (var name in new[] { "Received", "Dispatched", "Forwarded", "Deferred", "FollowUp", "Resolved", "Reopened", "Archived", "Referred", "Merged" })
        {
            foreach (var part in new[] { ".Sms", ".Subject", ".Email" })
            {
                var t = NotificationTemplates.Get(name + part);
                Assert.False(string.IsNullOrWhiteSpace(t.Indonesian) || string.IsNullOrWhiteSpace(t.English), name + part);
            }
        }
    }
}
