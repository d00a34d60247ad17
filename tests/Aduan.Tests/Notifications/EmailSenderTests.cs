using System.Text.Json;
using Aduan.Data;
using Aduan.Notifications;
using Aduan.Outbox;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Notifications;

/// <summary>The <c>email</c> outbox handler against a real SMTP server, the dispatcher driven by hand.</summary>
[Collection(SmtpServer.Name)]
public sealed class EmailSenderTests(SmtpServer smtp) : IDisposable
{
    private readonly AduanFactory _factory = AduanFactory.With(smtp.Settings);

    public void Dispose() => _factory.Dispose();

    private async Task<long> QueueAsync(string to, string key, string subject = "Laporan diterima", string text = "Terima kasih.",
        IReadOnlyList<EmailAttachment>? attachments = null)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<OutboxWriter>();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        outbox.Add(EmailSender.MessageType, key, null, JsonSerializer.Serialize(new EmailPayload(to, subject, text, attachments),
            JsonSerializerOptions.Web), _factory.Time.GetUtcNow());
        await db.SaveChangesAsync();
        return await db.OutboxMessages.Where(m => m.IdempotencyKey == key).Select(m => m.Id).SingleAsync();
    }

    private Task<int> DispatchAsync() => _factory.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);

    private Task<OutboxMessage> MessageAsync(long id) => _factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));

    [Fact]
    public async Task Deliver_ServerUp_ArrivesWithTheKeyAsMessageId()
    {
        var to = SmtpServer.NewAddress();
        var id = await QueueAsync(to, "notify/K7M2Q-XP4RT/1/email", "Laporan K7M2Q-XP4RT diterima", "Kode: K7M2Q-XP4RT — terima kasih.");

        Assert.Equal(1, await DispatchAsync());

        var mail = Assert.Single(smtp.MessagesTo(to));
        Assert.Equal("notify/K7M2Q-XP4RT/1/email@bekasikota.test", mail.MessageId);
        Assert.Equal("Laporan K7M2Q-XP4RT diterima", mail.Subject);
        Assert.Equal("aduan@bekasikota.test", mail.From.Mailboxes.Single().Address);
        Assert.Contains("Kode: K7M2Q-XP4RT — terima kasih.", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(OutboxStatus.Delivered, (await MessageAsync(id)).Status);
    }

    [Fact]
    public async Task Deliver_WithAttachment_ArrivesAsTextAndFileWithTheSameBytes()
    {
        var to = SmtpServer.NewAddress("pimpinan");
        var bytes = Enumerable.Range(0, 3000).Select(i => (byte)(i * 7)).ToArray();
        await QueueAsync(to, "summary/weekly/2026-11-23/test", "Ringkasan mingguan", "Diterima: 12",
            [new EmailAttachment("ringkasan-2026-11-23.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes)]);

        Assert.Equal(1, await DispatchAsync());

        var mail = Assert.Single(smtp.MessagesTo(to));
        Assert.Contains("Diterima: 12", mail.TextBody, StringComparison.Ordinal);
        var file = Assert.IsType<MimeKit.MimePart>(Assert.Single(mail.Attachments));
        Assert.Equal("ringkasan-2026-11-23.xlsx", file.FileName);
        using var content = new MemoryStream();
        await file.Content!.DecodeToAsync(content);
        Assert.Equal(bytes, content.ToArray());
    }

    [Fact]
    public async Task Deliver_RecipientRefusedForGood_IsDeadAtOnce()
    {
        var id = await QueueAsync($"siapa@{SmtpServer.RefusedDomain}", "notify/ditolak/1/email");

        await DispatchAsync();

        var message = await MessageAsync(id);
        Assert.Equal((OutboxStatus.Dead, 1), (message.Status, message.Attempts));
        Assert.Equal("Refused by the mail server: SMTP 550 (recipient).", message.LastError);
        Assert.DoesNotContain("siapa", message.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_NotAnAddress_IsRefused()
    {
        var id = await QueueAsync("bukan alamat", "notify/bukan/1/email");

        await DispatchAsync();

        Assert.Equal((OutboxStatus.Dead, EmailSender.BadAddress), ((await MessageAsync(id)).Status, (await MessageAsync(id)).LastError));
    }

    [Fact]
    public async Task Deliver_ServerDown_RetriesThenArrivesOnceWhenItIsBack()
    {
        var to = SmtpServer.NewAddress();
        var id = await QueueAsync(to, $"notify/{Guid.NewGuid():N}/1/email");
        await smtp.StopAsync();
        try
        {
            await DispatchAsync();
            var waiting = await MessageAsync(id);
            Assert.Equal((OutboxStatus.Pending, 1, EmailSender.Unreachable), (waiting.Status, waiting.Attempts, waiting.LastError));
        }
        finally
        {
            await smtp.StartAsync();
        }

        _factory.Time.Advance(TimeSpan.FromMinutes(1));
        await DispatchAsync();
        _factory.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await DispatchAsync());

        Assert.Single(smtp.MessagesTo(to));
        Assert.Equal((OutboxStatus.Delivered, 2), ((await MessageAsync(id)).Status, (await MessageAsync(id)).Attempts));
    }

    [Fact]
    public async Task Deliver_NoHostConfigured_WaitsInTheOutbox()
    {
        using var factory = AduanFactory.With(("Aduan:Mail:Host", ""));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<OutboxWriter>().Add(EmailSender.MessageType, "k/1/email", null,
                JsonSerializer.Serialize(new EmailPayload(SmtpServer.NewAddress(), "s", "t"), JsonSerializerOptions.Web), factory.Time.GetUtcNow());
            await scope.ServiceProvider.GetRequiredService<AduanDbContext>().SaveChangesAsync();
        }

        await factory.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);

        var message = await factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync());
        Assert.Equal((OutboxStatus.Pending, EmailSender.NotConfigured), (message.Status, message.LastError));
    }
}

[Trait("Category", "NoDatabase")]
public sealed class EmailMessageIdTests
{
    [Fact]
    public void MessageId_KeyWithSpacesAndNonAscii_IsAValidDotAtom()
    {
        Assert.Equal("a/b=20c=C3=A9@kota.test", EmailSender.MessageId("a/b cé", "kota.test"));
    }
}
