using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Aduan.Outbox;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Aduan.Notifications;

/// <summary>The payload of an outbox message of type <c>email</c>: one plain-text mail to one address, with files attached if any.</summary>
public sealed record EmailPayload(string To, string Subject, string Text, IReadOnlyList<EmailAttachment>? Attachments = null);

/// <summary>A file sent with an e-mail (a scheduled summary's workbook); its bytes travel base64-encoded in the outbox payload.</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Delivers <c>email</c> outbox messages over SMTP (MailKit). The message's idempotency key is the
/// mail's <c>Message-Id</c>, so a repeat after a lost answer can be recognised by the receiving side.
/// Failures are recorded as categories, never the server's own text (it may quote the address).
/// </summary>
public sealed class EmailSender(IOptions<MailOptions> options, IOptions<OutboxOptions> outbox) : IOutboxHandler
{
    public const string MessageType = "email";
    public const string NotConfigured = "Not sent: no SMTP server configured (Aduan:Mail:Host).";
    public const string Unreachable = "Unreachable: no connection or no answer in time.";
    public const string BadAddress = "Refused: not a valid e-mail address.";

    public string Type => MessageType;

    public async Task<DeliveryResult> DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.Host))
        {
            return new DeliveryResult(DeliveryOutcome.Retry, NotConfigured);
        }

        var payload = JsonSerializer.Deserialize<EmailPayload>(message.Payload, JsonSerializerOptions.Web);
        if (payload is null || !MailboxAddress.TryParse(payload.To, out var to) || !MailboxAddress.TryParse(o.From, out var from))
        {
            return new DeliveryResult(DeliveryOutcome.Refused, BadAddress);
        }

        using var mail = new MimeMessage([from], [to], payload.Subject, Body(payload));
        mail.MessageId = MessageId(message.IdempotencyKey, from.Domain);
        mail.Date = message.CreatedAt;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(outbox.Value.DeliveryTimeout);
        using var smtp = new SmtpClient { Timeout = (int)outbox.Value.DeliveryTimeout.TotalMilliseconds };
        try
        {
            await smtp.ConnectAsync(o.Host, o.Port, Secure(o.Security), timeout.Token);
            if (!string.IsNullOrEmpty(o.UserName))
            {
                await smtp.AuthenticateAsync(o.UserName, o.Password ?? "", timeout.Token);
            }

            await smtp.SendAsync(mail, timeout.Token);
            await smtp.DisconnectAsync(quit: true, timeout.Token);
            return DeliveryResult.Ok;
        }
        catch (SmtpCommandException e) when (e.ErrorCode == SmtpErrorCode.RecipientNotAccepted && (int)e.StatusCode >= 500)
        {
            return new DeliveryResult(DeliveryOutcome.Refused, $"Refused by the mail server: SMTP {(int)e.StatusCode} (recipient).");
        }
        catch (SmtpCommandException e)
        {
            // 4xx is temporary by definition; other 5xx (sender, message, policy) are the operator's to fix, then it goes out.
            return new DeliveryResult(DeliveryOutcome.Retry, $"Not accepted by the mail server: SMTP {(int)e.StatusCode} ({e.ErrorCode}).");
        }
        catch (AuthenticationException)
        {
            return new DeliveryResult(DeliveryOutcome.Retry, "The mail server refused the user name or password (Aduan:Mail).");
        }
        catch (Exception e) when (e is SocketException or IOException or ProtocolException or SslHandshakeException or TimeoutException
            || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return new DeliveryResult(DeliveryOutcome.Retry, Unreachable);
        }
    }

    private static MimeEntity Body(EmailPayload payload)
    {
        if (payload.Attachments is not { Count: > 0 } files)
        {
            return new TextPart("plain") { Text = payload.Text };
        }

        var body = new BodyBuilder { TextBody = payload.Text };
        foreach (var file in files)
        {
            body.Attachments.Add(file.FileName, file.Content, ContentType.Parse(file.ContentType));
        }

        return body.ToMessageBody();
    }

    /// <summary>The idempotency key as a Message-Id (RFC 5322 dot-atom): characters outside atext become <c>=XX</c>.</summary>
    public static string MessageId(string idempotencyKey, string domain)
    {
        var id = new StringBuilder(idempotencyKey.Length + domain.Length + 1);
        foreach (var c in idempotencyKey)
        {
            if (char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/?^_`{|}~".Contains(c, StringComparison.Ordinal))
            {
                id.Append(c);
            }
            else
            {
                foreach (var b in Encoding.UTF8.GetBytes(c.ToString()))
                {
                    id.Append('=').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        return id.Append('@').Append(string.IsNullOrEmpty(domain) ? "aduan.local" : domain).ToString();
    }

    private static SecureSocketOptions Secure(MailSecurity security) => security switch
    {
        MailSecurity.None => SecureSocketOptions.None,
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
