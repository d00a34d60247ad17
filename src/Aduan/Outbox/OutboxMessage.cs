namespace Aduan.Outbox;

public enum OutboxStatus
{
    Pending,
    Delivered,

    /// <summary>Gave up after the last attempt, or refused for good by the receiver; an admin may retry it.</summary>
    Dead,

    /// <summary>An admin decided it should not be delivered.</summary>
    Discarded,
}

/// <summary>
/// A side effect (webhook, later SMS, e-mail, federation) written in the same transaction as the
/// change that causes it, and delivered afterwards by <see cref="OutboxDispatcher"/>. Receivers get
/// <see cref="IdempotencyKey"/> and must treat a repeat as already done: delivery is at least once.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>What kind of delivery, e.g. <c>webhook</c>; picks the <see cref="IOutboxHandler"/>.</summary>
    public required string Type { get; set; }

    /// <summary>Unique: the same side effect is never queued twice.</summary>
    public required string IdempotencyKey { get; set; }

    /// <summary>Whom it is for (for a webhook: the agency id); the handler resolves the address at delivery.</summary>
    public long? DestinationId { get; set; }
    public required string Payload { get; set; }
    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>A claim by one app instance until this instant; a crashed instance's claims simply expire.</summary>
    public DateTimeOffset? LockedUntil { get; set; }
    public string? LockedBy { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}
