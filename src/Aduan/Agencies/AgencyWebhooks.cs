using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Outbox;
using Aduan.Transparency;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Agencies;

/// <summary>What an agency's website receives for each public follow-up (the body is signed as sent).</summary>
public sealed record FollowUpWebhook(
    string Event, string TrackingCode, CodeName Agency, bool Final, string? Text, string Status, DateTimeOffset At, string Link);

/// <summary>
/// Publishes every public follow-up to the lead agency's website, as the city requires: queued in
/// the outbox with the change, POSTed as JSON with <c>Idempotency-Key</c>, <c>X-Aduan-Timestamp</c>
/// (Unix seconds) and <c>X-Aduan-Signature: sha256=HEX</c>, the HMAC-SHA256 with the agency's secret
/// of <c>{timestamp}.{idempotency key}.{body}</c>: a receiver can refuse a replayed or altered request.
/// </summary>
public sealed class AgencyWebhooks(
    AduanDbContext db, IHttpClientFactory httpFactory, IDataProtectionProvider protection, IOptions<OutboxOptions> options, TimeProvider time)
    : IOutboxHandler
{
    public const string MessageType = "webhook";
    public const string HttpClientName = "webhooks";
    public const string SignatureHeader = "X-Aduan-Signature";
    public const string TimestampHeader = "X-Aduan-Timestamp";

    /// <summary>
    /// What a failed delivery records: a category, never the transport's own message, so the outbox
    /// does not tell which ports answer, refuse or stay silent on a host.
    /// </summary>
    public const string Unreachable = "Unreachable: no connection or no answer in time.";

    public const string NotAllowed = "Not sent: the address is not a public one (Aduan:Webhooks:AllowedInternalHosts).";
    private const string ProtectorPurpose = "Aduan.Agencies.WebhookSecret";

    public string Type => MessageType;

    public IDataProtector Secrets => protection.CreateProtector(ProtectorPurpose);

    public static string Sign(string secret, string timestamp, string idempotencyKey, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes($"{timestamp}.{idempotencyKey}.{body}")));

    public async Task<DeliveryResult> DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        // The address and secret are read now, so a corrected URL also serves messages already queued.
        var agency = await db.Agencies.FindAsync([message.DestinationId], ct);
        if (agency?.WebhookUrl is null || agency.WebhookSecret is null)
        {
            return new DeliveryResult(DeliveryOutcome.Refused, "The agency has no webhook configured.");
        }

        // A report made confidential after the follow-up was queued is not published after all.
        var code = JsonDocument.Parse(message.Payload).RootElement.GetProperty("trackingCode").GetString();
        if (await db.Complaints.Where(c => c.TrackingCode == code).Select(c => c.Privacy).SingleOrDefaultAsync(ct) == PrivacyMode.Confidential)
        {
            return new DeliveryResult(DeliveryOutcome.Refused, "The report is confidential now; not published.");
        }

        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, agency.WebhookUrl)
        {
            Content = new StringContent(message.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", message.IdempotencyKey);
        request.Headers.Add(TimestampHeader, timestamp);
        request.Headers.Add(SignatureHeader, Sign(Secrets.Unprotect(agency.WebhookSecret), timestamp, message.IdempotencyKey, message.Payload));
        request.Headers.Add("X-Aduan-Event", "follow-up");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.DeliveryTimeout);
        HttpResponseMessage response;
        try
        {
            response = await httpFactory.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
        }
        catch (HttpRequestException e) when (e.InnerException is WebhookAddressException)
        {
            return new DeliveryResult(DeliveryOutcome.Refused, NotAllowed);
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return new DeliveryResult(DeliveryOutcome.Retry, Unreachable);
        }

        using var _ = response;
        var status = (int)response.StatusCode;
        return status switch
        {
            >= 200 and < 300 => DeliveryResult.Ok,
            (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500 =>
                new DeliveryResult(DeliveryOutcome.Retry, $"HTTP {status}"),
            _ => new DeliveryResult(DeliveryOutcome.Refused, $"HTTP {status}"),
        };
    }
}
