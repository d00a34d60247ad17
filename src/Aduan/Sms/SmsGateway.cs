using Aduan.Outbox;

namespace Aduan.Sms;

/// <summary>An incoming SMS as a gateway's endpoint read it, before anything is decided about it.</summary>
/// <param name="Gateway">The gateway type, e.g. <c>kannel</c>.</param>
/// <param name="ExternalId">The gateway's own message id: a repeated delivery carries the same.</param>
/// <param name="From">The sender as the gateway wrote it (e.g. <c>6281234567890</c>).</param>
public sealed record InboundSms(string Gateway, string ExternalId, string From, string Text);

/// <summary>
/// Sends through one gateway type. Each type also has its own inbound endpoint that reads its calls
/// into an <see cref="InboundSms"/> for <see cref="SmsInbox"/>; a second gateway (Gammu SMSD's
/// RunOnReceive, an HTTP aggregator) is one more pair, nothing else changes.
/// </summary>
public interface ISmsGateway
{
    string Name { get; }

    /// <param name="phone">E.164, e.g. <c>+6281234567890</c>.</param>
    Task<DeliveryResult> SendAsync(string phone, string text, CancellationToken ct);
}
