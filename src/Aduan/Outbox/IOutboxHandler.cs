namespace Aduan.Outbox;

public enum DeliveryOutcome
{
    Delivered,

    /// <summary>Try again later (receiver down, timeout, 5xx, 429).</summary>
    Retry,

    /// <summary>The receiver refused it for good (4xx) or there is nowhere to send it: dead-letter now.</summary>
    Refused,
}

public sealed record DeliveryResult(DeliveryOutcome Outcome, string? Error = null)
{
    public static DeliveryResult Ok { get; } = new(DeliveryOutcome.Delivered);
}

/// <summary>Delivers one type of <see cref="OutboxMessage"/>. Must be safe to call twice for the same message.</summary>
public interface IOutboxHandler
{
    string Type { get; }

    Task<DeliveryResult> DeliverAsync(OutboxMessage message, CancellationToken ct);
}
