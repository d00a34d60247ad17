using Aduan.Complaints;
using Aduan.Data;
using Aduan.Infrastructure;
using Aduan.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aduan.Sms;

/// <summary>
/// Where every gateway's endpoint hands an incoming SMS: stored first (a repeat of a gateway id is a
/// no-op), then processed. A failure after storing is left to <see cref="SmsRecovery"/>; the gateway
/// is answered either way, since the message is safe.
/// </summary>
public sealed class SmsInbox(AduanDbContext db, SmsConversation conversation, IStringLocalizer<SharedResource> text,
    TimeProvider time, ILogger<SmsInbox> logger)
{
    /// <summary>The new message's id, or null when this gateway id was stored before.</summary>
    public async Task<long?> StoreAsync(InboundSms sms, CancellationToken ct)
    {
        if (await db.SmsMessages.AnyAsync(m => m.Gateway == sms.Gateway && m.ExternalId == sms.ExternalId, ct))
        {
            return null;
        }

        var phone = Phone(sms.From);
        var message = new SmsMessage
        {
            Direction = SmsDirection.In,
            Gateway = sms.Gateway,
            ExternalId = sms.ExternalId,
            Phone = phone ?? sms.From[..Math.Min(sms.From.Length, 40)],
            Text = sms.Text.Length > SmsMessage.MaxTextLength ? sms.Text[..SmsMessage.MaxTextLength] : sms.Text,
            At = time.Now(),

            // A sender that is no phone number (a carrier's or an advertiser's name) is kept, never answered.
            Status = phone is null ? SmsStatus.Ignored : SmsStatus.Received,
            Intent = phone is null ? "not-a-number" : null,
        };
        db.SmsMessages.Add(message);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.SmsMessages.AnyAsync(m => m.Gateway == sms.Gateway && m.ExternalId == sms.ExternalId, ct))
            {
                return null; // the same delivery, stored by a concurrent call
            }

            throw;
        }

        return message.Status == SmsStatus.Received ? message.Id : null;
    }

    /// <summary>Processes a stored message now; any failure leaves it for the recovery pass.</summary>
    public async Task TryProcessAsync(long id, CancellationToken ct)
    {
        try
        {
            await conversation.ProcessAsync(id, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // No text and no number in the log: only which message, and what kind of failure.
            logger.LogWarning("Incoming SMS {Id} was stored but not processed ({ExceptionType}); the recovery pass retries it", id, e.GetType().Name);
        }
    }

    /// <summary>Gateways write international numbers without the plus (Kannel: <c>6281234567890</c>).</summary>
    private string? Phone(string from)
    {
        var raw = from.Trim();
        if (raw.Length is > 4 and <= 16 && raw.All(char.IsAsciiDigit) && raw[0] != '0')
        {
            raw = "+" + raw;
        }

        return ComplaintIntake.NormalizePhone(raw, new Validation(text));
    }
}
