namespace Aduan.Sms;

/// <summary>A number whose messages are stored but never acted on or answered (an admin's decision, audited).</summary>
public sealed class SmsBlockedNumber
{
    public long Id { get; set; }

    /// <summary>E.164; unique.</summary>
    public required string Phone { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset BlockedAt { get; set; }
    public string? BlockedBy { get; set; }
}
