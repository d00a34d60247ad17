using System.Text.Json;
using Aduan.Outbox;

namespace Aduan.Sms;

/// <summary>
/// Delivers outbox messages of type <c>sms</c> (payload <c>{"to":"+62...","text":"..."}</c>), queued
/// by this channel's replies and by anyone else who texts a citizen, through the configured gateway.
/// </summary>
public sealed class SmsOutbox(ISmsGateway gateway) : IOutboxHandler
{
    public const string MessageType = "sms";

    public string Type => MessageType;

    public Task<DeliveryResult> DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        SmsPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<SmsPayload>(message.Payload);
        }
        catch (JsonException)
        {
            payload = null;
        }

        return payload is { To.Length: > 0, Text.Length: > 0 }
            ? gateway.SendAsync(payload.To, payload.Text, ct)
            : Task.FromResult(new DeliveryResult(DeliveryOutcome.Refused, "Not an SMS payload: {\"to\":\"+62...\",\"text\":\"...\"} expected."));
    }
}
