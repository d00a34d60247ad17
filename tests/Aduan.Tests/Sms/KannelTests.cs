using System.Net;
using System.Text.RegularExpressions;
using Aduan.Complaints;
using Aduan.Sms;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Sms;

/// <summary>
/// End to end through a real Kannel: a message typed on the (fake) phone reaches the app through
/// smsbox's sms-service, and the app's reply leaves through sendsms and comes out at the phone.
/// Each test uses its own number.
/// </summary>
[Collection(KannelGroup.Name)]
public sealed partial class KannelTests(KannelFixture fx)
{
    [GeneratedRegex("[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}")]
    private static partial Regex CodePattern();

    [Fact]
    public async Task Report_ThroughKannel_StoredAndTheCodeComesBackByCek()
    {
        const string phone = "6281234567001";

        await fx.Kannel.Phone.SendAsync(phone, "BKSKOTA jalan rusak di depan pasar Bekasi Timur");
        var received = await fx.Kannel.Phone.ReceiveAsync(phone);

        Assert.Equal("1708", received.From);
        var code = CodePattern().Match(received.Text).Value;
        Assert.Contains($"BKSKOTA CEK {code}", received.Text, StringComparison.Ordinal);
        var report = await fx.Database.WithDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.TrackingCode == code));
        Assert.Equal((Channel.Sms, "+" + phone, "jalan rusak di depan pasar Bekasi Timur"), (report.Channel, report.Reporter.Phone, report.Text));

        await fx.Kannel.Phone.SendAsync(phone, $"BKSKOTA CEK {code}");
        var status = await fx.Kannel.Phone.ReceiveAsync(phone);

        Assert.StartsWith($"Laporan {code}: Belum Terverifikasi", status.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_InUcs2WithAnEmoji_StoredIntactAndTheReplyStaysOneGsmSegment()
    {
        const string phone = "6281234567002";

        await fx.Kannel.Phone.SendAsync(phone, "BKSKOTA lampu jalan mati 😡 di Gang Mawar RT 03");
        var received = await fx.Kannel.Phone.ReceiveAsync(phone);

        var code = CodePattern().Match(received.Text).Value;
        Assert.Equal((SmsEncoding.Gsm7, 1), (SmsSegments.Measure(received.Text).Encoding, SmsSegments.Measure(received.Text).Segments));
        Assert.Equal("lampu jalan mati 😡 di Gang Mawar RT 03",
            await fx.Database.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == code).Select(c => c.Text).SingleAsync()));
    }

    [Fact]
    public async Task OutboxSms_NotGsm7_ArrivesAsUcs2Intact()
    {
        const string phone = "6281234567004";
        const string text = "Laporan Anda sudah ditindaklanjuti 👍 — terima kasih";
        await fx.Kannel.Phone.SendAsync(phone, "BKSKOTA INFO"); // the phone connects; its help reply comes first
        await fx.Kannel.Phone.ReceiveAsync(phone);

        // As the notifications queue it: type sms, {"to","text"}.
        await fx.Database.WithDbAsync(async db =>
        {
            db.OutboxMessages.Add(new Aduan.Outbox.OutboxMessage
            {
                Type = SmsOutbox.MessageType, IdempotencyKey = "test-ucs2-" + Guid.NewGuid(),
                Payload = System.Text.Json.JsonSerializer.Serialize(new SmsPayload("+" + phone, text)),
                CreatedAt = DateTimeOffset.UtcNow, NextAttemptAt = DateTimeOffset.UtcNow.AddSeconds(-1),
            });
            return await db.SaveChangesAsync();
        });

        Assert.Equal(text, (await fx.Kannel.Phone.ReceiveAsync(phone)).Text);
    }

    [Fact]
    public async Task SameGatewayId_DeliveredTwice_OneReport()
    {
        const string phone = "6281234567003";
        var url = $"/api/v1/sms/kannel?secret={SmsInboundTests.Secret}&from={phone}&to=1708&id={Guid.NewGuid()}&text=BKSKOTA+sampah+menumpuk+di+TPS+Jatiasih";

        var first = await fx.App.Client.GetAsync(url);
        var second = await fx.App.Client.GetAsync(url);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(1, await fx.Database.WithDbAsync(db => db.Complaints.CountAsync(c => c.Reporter.Phone == "+" + phone)));
        Assert.Equal(1, await fx.Database.WithDbAsync(db => db.SmsMessages.CountAsync(m => m.Phone == "+" + phone && m.Direction == SmsDirection.Out)));
    }
}
