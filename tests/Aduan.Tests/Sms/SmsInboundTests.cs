using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aduan.Complaints;
using Aduan.Outbox;
using Aduan.Privacy;
using Aduan.Sms;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Sms;

/// <summary>The Kannel endpoint over HTTP: stored first, understood, answered through the outbox.</summary>
public sealed class SmsInboundTests : IDisposable
{
    public const string Secret = "rahasia-gateway-uji-1708";
    private const string Phone = "6281234567890";
    // The recovery pass runs by hand here, as the outbox does.
    private readonly AduanFactory _factory = AduanFactory.With(("Aduan:Sms:SharedSecret", Secret), ("Aduan:Sms:RecoveryEnabled", "false"));
    private readonly HttpClient _client;

    public SmsInboundTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    private Task<HttpResponseMessage> SendAsync(string text, string? id = null, string from = Phone, string? secret = Secret) =>
        _client.GetAsync($"/api/v1/sms/kannel?from={from}&to=1708&id={id ?? Guid.NewGuid().ToString()}&text={Uri.EscapeDataString(text)}"
            + (secret is null ? "" : $"&secret={Uri.EscapeDataString(secret)}"));

    private Task<List<SmsPayload>> RepliesAsync() => _factory.WithDbAsync(async db =>
        (await db.OutboxMessages.Where(m => m.Type == SmsOutbox.MessageType).OrderBy(m => m.Id).Select(m => m.Payload).ToListAsync())
            .Select(p => JsonSerializer.Deserialize<SmsPayload>(p)!).ToList());

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("salah-rahasia-gateway-uji", HttpStatusCode.Unauthorized)]
    public async Task Receive_WithoutTheSecret_RefusedAndNothingStored(string? secret, HttpStatusCode expected)
    {
        var response = await SendAsync("BKSKOTA jalan rusak di depan pasar Bekasi Timur", secret: secret);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync()); // the bare status, nothing more
        Assert.Equal(0, await _factory.WithDbAsync(db => db.SmsMessages.CountAsync()));
    }

    [Fact]
    public async Task Receive_ChannelNotConfigured_Forbidden()
    {
        using var factory = new AduanFactory();

        var response = await factory.CreateClient().GetAsync($"/api/v1/sms/kannel?from={Phone}&id=1&text=BKSKOTA+jalan+rusak+parah");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Receive_NewReport_StoredWithSmsChannelAndPhoneAndReplyQueuedWithTheCode()
    {
        var response = await SendAsync("BKSKOTA jalan rusak di depan pasar Bekasi Timur");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var report = await _factory.WithDbAsync(db => db.Complaints.SingleAsync());
        Assert.Equal((Channel.Sms, "+6281234567890", "jalan rusak di depan pasar Bekasi Timur"), (report.Channel, report.Reporter.Phone, report.Text));
        var reply = Assert.Single(await RepliesAsync());
        Assert.Equal("+6281234567890", reply.To);
        Assert.Contains(report.TrackingCode, reply.Text, StringComparison.Ordinal);
        Assert.Contains($"BKSKOTA CEK {report.TrackingCode}", reply.Text, StringComparison.Ordinal);
        Assert.Equal(1, SmsSegments.Measure(reply.Text).Segments);
        var inbound = await _factory.WithDbAsync(db => db.SmsMessages.SingleAsync(m => m.Direction == SmsDirection.In));
        Assert.Equal((SmsStatus.Processed, report.Id, "report"), (inbound.Status, inbound.ComplaintId, inbound.Intent));
    }

    [Fact]
    public async Task Receive_SameGatewayIdTwice_OneReportOneReply()
    {
        var id = Guid.NewGuid().ToString();

        var first = await SendAsync("BKSKOTA jalan rusak di depan pasar Bekasi Timur", id);
        var second = await SendAsync("BKSKOTA jalan rusak di depan pasar Bekasi Timur", id);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(1, await _factory.WithDbAsync(db => db.Complaints.CountAsync()));
        Assert.Single(await RepliesAsync());
    }

    [Fact]
    public async Task Receive_TooShort_HelpfulReplyNoReport()
    {
        await SendAsync("BKSKOTA rusak");

        Assert.Equal(0, await _factory.WithDbAsync(db => db.Complaints.CountAsync()));
        Assert.Contains("BKSKOTA", Assert.Single(await RepliesAsync()).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_Check_StatusOnlyToTheReportingNumber()
    {
        await SendAsync("BKSKOTA jalan rusak di depan pasar Bekasi Timur");
        var code = await _factory.WithDbAsync(db => db.Complaints.Select(c => c.TrackingCode).SingleAsync());

        await SendAsync($"bkskota cek {code.ToLowerInvariant()}");
        await SendAsync($"BKSKOTA CEK {code}", from: "6281298765432");

        var replies = await RepliesAsync();
        Assert.Equal(3, replies.Count);
        Assert.Contains("Belum Terverifikasi", replies[1].Text, StringComparison.Ordinal);
        Assert.Equal("+6281234567890", replies[1].To);
        Assert.Contains("tidak ditemukan", replies[2].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Belum Terverifikasi", replies[2].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_CheckWithATypo_HintNotNotFound()
    {
        await SendAsync("BKSKOTA jalan rusak di depan pasar Bekasi Timur");
        var code = await _factory.WithDbAsync(db => db.Complaints.Select(c => c.TrackingCode).SingleAsync());
        var typo = code[..^1] + (code[^1] == 'A' ? 'B' : 'A');

        await SendAsync($"BKSKOTA CEK {typo}");

        Assert.Contains("salah ketik", (await RepliesAsync())[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_EnglishHelp_AnsweredInEnglish()
    {
        await SendAsync("BKSKOTA HELP");

        Assert.StartsWith("Report:", Assert.Single(await RepliesAsync()).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_PlainMessageWithOneDeferredReport_ReplyOnThatReport()
    {
        await SendAsync("BKSKOTA jalan rusak di depan pasar Bekasi Timur");
        var code = await _factory.WithDbAsync(db => db.Complaints.Select(c => c.TrackingCode).SingleAsync());
        var manager = await _factory.StaffClientAsync("Manager");
        await manager.ActOkAsync(code, new { action = "defer", question = "Di RT/RW berapa?" });

        await SendAsync("di RT 03 RW 05, dekat masjid Al-Ikhlas");

        var report = await _factory.WithDbAsync(db => db.Complaints.Include(c => c.Events).SingleAsync());
        var reply = report.Events.OrderBy(e => e.Sequence).Last();
        Assert.Equal((ActorKind.Reporter, "di RT 03 RW 05, dekat masjid Al-Ikhlas"), (reply.ActorKind, reply.Text));
        Assert.Contains(code, (await RepliesAsync())[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_ReplyFromAnotherNumber_NotOnTheReport()
    {
        await SendAsync("BKSKOTA jalan rusak di depan pasar Bekasi Timur");
        var code = await _factory.WithDbAsync(db => db.Complaints.Select(c => c.TrackingCode).SingleAsync());

        await SendAsync($"BKSKOTA BALAS {code} ini bukan laporan saya", from: "6281298765432");

        Assert.Equal(1, await _factory.WithDbAsync(db => db.ComplaintEvents.CountAsync()));
        Assert.Contains("tidak ditemukan", (await RepliesAsync())[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recovery_StoredButNotProcessed_ProcessedOnce()
    {
        // As if the process died between storing and processing.
        await _factory.WithDbAsync(async db =>
        {
            db.SmsMessages.Add(new SmsMessage
            {
                Direction = SmsDirection.In, Gateway = KannelGateway.GatewayName, ExternalId = "crash-1", Phone = "+6281234567890",
                Text = "BKSKOTA lampu jalan mati di Jl. Ahmad Yani", At = AduanFactory.Start,
            });
            return await db.SaveChangesAsync();
        });
        var recovery = _factory.Services.GetRequiredService<SmsRecovery>();

        await recovery.RunOnceAsync(CancellationToken.None);
        await recovery.RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, await _factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.Channel == Channel.Sms)));
        Assert.Single(await RepliesAsync());
    }

    [Fact]
    public async Task Receive_BlockedNumber_StoredNotActedOn()
    {
        var admin = await _factory.StaffClientAsync("Admin");
        var block = await admin.PostAsync("/api/v1/admin/sms/blocked",
            JsonContent.Create(new { phone = "0812-3456-7890", reason = "iklan" }));
        Assert.Equal(HttpStatusCode.NoContent, block.StatusCode);

        await SendAsync("BKSKOTA promo pulsa murah hubungi kami sekarang juga");

        Assert.Equal(0, await _factory.WithDbAsync(db => db.Complaints.CountAsync()));
        Assert.Empty(await RepliesAsync());
        Assert.Equal(SmsStatus.Ignored, await _factory.WithDbAsync(db => db.SmsMessages.Select(m => m.Status).SingleAsync()));
    }

    [Fact]
    public async Task Receive_MoreThanTheHourlyLimit_LaterOnesNotActedOn()
    {
        for (var i = 0; i < 12; i++)
        {
            await SendAsync("BKSKOTA INFO");
        }

        Assert.Equal(10, (await RepliesAsync()).Count);
    }

    [Fact]
    public async Task Outbox_SmsWithGatewayDown_RetriedNotLost()
    {
        await SendAsync("BKSKOTA INFO");

        await _factory.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);

        var message = await _factory.WithDbAsync(db => db.OutboxMessages.SingleAsync());
        Assert.Equal((OutboxStatus.Pending, 1), (message.Status, message.Attempts));
        Assert.DoesNotContain("password", message.LastError ?? "", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task EraseContact_ReportFromSms_ItsMessagesGoToo()
    {
        await SendAsync("BKSKOTA jalan rusak di depan pasar Bekasi Timur");
        await SendAsync("BKSKOTA lampu jalan mati di Gang Mawar", from: "6281298765432");

        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PersonalDataRequests>()
                .EraseAsync(new DataSubject("+6281234567890", null), new Actor(ActorKind.Staff, "u-1", "Manajer Uji"), CancellationToken.None);
        }

        var left = await _factory.WithDbAsync(db => db.SmsMessages.Select(m => m.Phone).Distinct().ToListAsync());
        Assert.Equal(["+6281298765432"], left);
    }

    [Fact]
    public async Task Recovery_MessagesAboutNoReport_DeletedAfterTheirRetention()
    {
        await SendAsync("BKSKOTA INFO");
        await SendAsync("BKSKOTA jalan rusak di depan pasar Bekasi Timur");
        var recovery = _factory.Services.GetRequiredService<SmsRecovery>();

        _factory.Time.Advance(TimeSpan.FromDays(31));
        await recovery.RunOnceAsync(CancellationToken.None);

        var left = await _factory.WithDbAsync(db => db.SmsMessages.Select(m => m.Intent).Distinct().ToListAsync());
        Assert.Equal(["report"], left);
    }

    [Fact]
    public async Task StaffReportPage_ReportFromSms_ShowsTheExchangeWithDeliveryStatus()
    {
        await SendAsync("BKSKOTA jalan rusak di depan pasar Bekasi Timur");
        var code = await _factory.WithDbAsync(db => db.Complaints.Select(c => c.TrackingCode).SingleAsync());
        using var browser = await PageClient.SignedInAsync(_factory, "Manager");

        var page = await browser.GetAsync($"/staff/reports/{code}");

        var exchange = page.QuerySelector("[data-testid=sms-exchange]");
        Assert.NotNull(exchange);
        Assert.Contains("BKSKOTA jalan rusak di depan pasar Bekasi Timur", exchange.QuerySelector("[data-testid=sms-in]")?.TextContent, StringComparison.Ordinal);
        var reply = exchange.QuerySelector("[data-testid=sms-out]");
        Assert.Contains(code, reply?.TextContent, StringComparison.Ordinal);
        Assert.Equal("menunggu kirim", reply?.QuerySelector("[data-testid=sms-delivery]")?.TextContent);
    }

    [Fact]
    public async Task StaffReportPage_WebReport_NoSmsSection()
    {
        var code = (await _client.SubmitAsync()).TrackingCode;
        using var browser = await PageClient.SignedInAsync(_factory, "Manager");

        var page = await browser.GetAsync($"/staff/reports/{code}");

        Assert.NotNull(page.QuerySelector("[data-testid=timeline]"));
        Assert.Null(page.QuerySelector("[data-testid=sms-exchange]"));
    }

    [Fact]
    public async Task Receive_AdvertisingWithoutKeyword_StoredAsNoiseNotAnswered()
    {
        await SendAsync("Selamat! Nomor Anda memenangkan hadiah 50jt, klik bit.ly/xyz", from: "6281311112222");

        Assert.Empty(await RepliesAsync());
        var stored = await _factory.WithDbAsync(db => db.SmsMessages.SingleAsync());
        Assert.Equal((SmsStatus.Ignored, "noise"), (stored.Status, stored.Intent));
    }
}
