namespace Aduan.Sms;

public enum SmsDirection
{
    In,
    Out,
}

public enum SmsStatus
{
    /// <summary>Stored as the gateway delivered it; not yet acted on (the recovery pass picks it up).</summary>
    Received,

    /// <summary>Acted on: a report, a status, a reply on a report, or help; the answer (if any) is queued.</summary>
    Processed,

    /// <summary>Not acted on: a sender that is no phone number, a blocked number, too many messages, or processing kept failing.</summary>
    Ignored,

    /// <summary>An outgoing message, queued in the outbox (its delivery status is the outbox message's).</summary>
    Queued,
}

/// <summary>
/// One SMS to or from the short number: an incoming one is stored before the gateway gets its answer,
/// so a crash loses none, and its gateway id makes a repeated delivery a no-op. Outgoing replies are
/// recorded too (their key is the outbox message's), so staff see the exchange per report.
/// </summary>
public sealed class SmsMessage
{
    public const int MaxTextLength = 2000;

    public long Id { get; set; }
    public SmsDirection Direction { get; set; }

    /// <summary>Which gateway type (e.g. <c>kannel</c>); with <see cref="ExternalId"/> unique.</summary>
    public required string Gateway { get; set; }

    /// <summary>The gateway's message id (incoming) or the outbox idempotency key (outgoing).</summary>
    public required string ExternalId { get; set; }

    /// <summary>The citizen's number in E.164 (as sent, when it is no phone number).</summary>
    public required string Phone { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset At { get; set; }
    public SmsStatus Status { get; set; }

    /// <summary>What the message was understood as (<see cref="SmsCommand"/>'s kind), once processed.</summary>
    public string? Intent { get; set; }

    /// <summary>The report it created, asked about or replied on.</summary>
    public long? ComplaintId { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
    public int Attempts { get; set; }

    /// <summary>A claim by whoever processes it (the endpoint, or the recovery pass) until this instant.</summary>
    public DateTimeOffset? LockedUntil { get; set; }
}
