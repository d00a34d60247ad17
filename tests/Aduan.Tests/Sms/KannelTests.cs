using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aduan.Complaints;
using Aduan.Outbox;
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
        var phone = OwnPhone();

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

    /// <summary>The "done when": the agency follows up and the SMS reporter hears of it, nobody pressing a button.</summary>
    [Fact]
    public async Task SmsReport_DispatchedAndFollowedUp_TheReportersPhoneHearsOfEachStep()
    {
        var phone = OwnPhone();
        await fx.Kannel.Phone.SendAsync(phone, "BKSKOTA lampu jalan mati di depan Puskesmas Bekasi Jaya sejak tiga hari");
        var code = CodePattern().Match((await fx.Kannel.Phone.ReceiveAsync(phone)).Text).Value;
        var manager = await fx.Database.CreateUserAsync("Manager");
        var officer = await fx.Database.CreateUserAsync("AgencyOfficer", "DBMSDA");

        await ActAsync(manager, code, new { action = "verify", category = "JALAN" }); // classified and dispatched to the category's agency
        var dispatched = await fx.Kannel.Phone.ReceiveAsync(phone);
        await ActAsync(officer, code, new { action = "follow-up", text = "Lampu sudah diganti petugas kami pagi ini.", final = true });
        var followedUp = await fx.Kannel.Phone.ReceiveAsync(phone);

        Assert.Contains(code, dispatched.Text, StringComparison.Ordinal);
        Assert.Contains("Bina Marga", dispatched.Text, StringComparison.Ordinal);
        Assert.Contains(code, followedUp.Text, StringComparison.Ordinal);
        Assert.NotEqual(dispatched.Text, followedUp.Text);
    }

    private async Task ActAsync(string userName, string code, object body)
    {
        using var client = new HttpClient { BaseAddress = fx.App.Client.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", await AduanFactory.LoginAsync(client, userName));
        using var response = await client.PostAsync($"/api/v1/staff/complaints/{code}/transitions",
            new StringContent(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Report_InUcs2WithAnEmoji_StoredIntactAndTheReplyStaysOneGsmSegment()
    {
        var phone = OwnPhone();

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
        var phone = OwnPhone();
        const string text = "Laporan Anda sudah ditindaklanjuti 👍 — terima kasih";
        await fx.Kannel.Phone.SendAsync(phone, "BKSKOTA INFO"); // the phone connects; its help reply comes first
        await fx.Kannel.Phone.ReceiveAsync(phone);

        await QueueAsync(phone, text);

        Assert.Equal(text, (await fx.Kannel.Phone.ReceiveAsync(phone)).Text);
    }

    [Fact]
    public async Task SameGatewayId_DeliveredTwice_OneReport()
    {
        var phone = OwnPhone();
        var url = $"/api/v1/sms/kannel?secret={SmsInboundTests.Secret}&from={phone}&to=1708&id={Guid.NewGuid()}&text=BKSKOTA+sampah+menumpuk+di+TPS+Jatiasih";

        var first = await fx.App.Client.GetAsync(url);
        var second = await fx.App.Client.GetAsync(url);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(1, await fx.Database.WithDbAsync(db => db.Complaints.CountAsync(c => c.Reporter.Phone == "+" + phone)));
        Assert.Equal(1, await fx.Database.WithDbAsync(db => db.SmsMessages.CountAsync(m => m.Phone == "+" + phone && m.Direction == SmsDirection.Out)));
    }

    [Fact]
    public async Task Sendsms_DownWhileAMessageIsQueued_ArrivesOnceAfterRestart()
    {
        var phone = OwnPhone();
        await fx.Kannel.Phone.SendAsync(phone, "BKSKOTA INFO"); // the phone connects; its help reply comes first
        await fx.Kannel.Phone.ReceiveAsync(phone);

        // The help reply reaches the phone before sendsms answers the app. Killed in between, the app sees
        // its send fail and sends the reply again after the restart (at least once, as it should): so the
        // outage starts only once the app has recorded the reply as delivered.
        var help = await fx.Database.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.Type == SmsOutbox.MessageType && m.Payload.Contains(phone)).Select(m => m.Id).SingleAsync());
        await WaitForAsync(help, m => m.Status == OutboxStatus.Delivered);
        await fx.Kannel.KillSmsboxAsync();
        long id;
        try
        {
            id = await QueueAsync(phone, "Uji gangguan: pesan pertama");
            await WaitForAsync(id, m => m.Attempts >= 2 && m.Status == OutboxStatus.Pending); // refused connections, retried
        }
        finally
        {
            await fx.Kannel.StartSmsboxAsync();
        }

        Assert.Equal("Uji gangguan: pesan pertama", (await fx.Kannel.Phone.ReceiveAsync(phone)).Text);
        await WaitForAsync(id, m => m.Status == OutboxStatus.Delivered);

        // Exactly once: the next message to arrive is the next one queued, not a second copy.
        await QueueAsync(phone, "Uji gangguan: pesan kedua");
        Assert.Equal("Uji gangguan: pesan kedua", (await fx.Kannel.Phone.ReceiveAsync(phone)).Text);
    }

    [Fact]
    public async Task App_DownWhenAMessageArrives_KannelRetriesAndTheReportIsMadeOnce()
    {
        var phone = OwnPhone();

        await fx.KillAppAsync(async () =>
        {
            await fx.Kannel.Phone.SendAsync(phone, "BKSKOTA pohon tumbang menutup jalan di Jl. Kalimalang");

            // smsbox has tried at least once and failed: the message waits in its retry queue.
            await WaitForLogAsync("smsbox.log", "Couldn't fetch");
        });
        var reply = await fx.Kannel.Phone.ReceiveAsync(phone);

        var code = CodePattern().Match(reply.Text).Value;
        var reports = await fx.Database.WithDbAsync(db => db.Complaints.Where(c => c.Reporter.Phone == "+" + phone).Select(c => c.TrackingCode).ToListAsync());
        Assert.Equal([code], reports);
    }

    /// <summary>
    /// A number of the test's own, made from its name: the fake phone keeps every reply a number has not
    /// read, so two tests sharing one would read each other's messages.
    /// </summary>
    private static string OwnPhone([CallerMemberName] string test = "")
    {
        var hash = test.Aggregate(2166136261u, (h, c) => (h ^ c) * 16777619u); // FNV-1a: the same in every run
        return "62812" + (hash % 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
    }

    private async Task WaitForLogAsync(string log, string text)
    {
        for (var i = 0; i < 300; i++)
        {
            if (fx.Kannel.LogContains(log, text))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"No \"{text}\" in {log} within 30 s.\n{fx.Kannel.Logs()}");
    }

    /// <summary>As the notifications queue one: type sms, {"to","text"}.</summary>
    private Task<long> QueueAsync(string phone, string text) => fx.Database.WithDbAsync(async db =>
    {
        var message = new OutboxMessage
        {
            Type = SmsOutbox.MessageType, IdempotencyKey = "test-" + Guid.NewGuid(),
            Payload = JsonSerializer.Serialize(new SmsPayload("+" + phone, text)),
            CreatedAt = DateTimeOffset.UtcNow, NextAttemptAt = DateTimeOffset.UtcNow.AddSeconds(-1),
        };
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    });

    private async Task WaitForAsync(long id, Func<OutboxMessage, bool> condition)
    {
        for (var i = 0; i < 300; i++)
        {
            var message = await fx.Database.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));
            if (condition(message))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Outbox message {id} did not reach the expected state in 30 s.\n{fx.Kannel.Logs()}");
    }
}
