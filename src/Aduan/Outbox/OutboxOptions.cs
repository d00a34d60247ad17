using System.ComponentModel.DataAnnotations;

namespace Aduan.Outbox;

/// <summary>Section <c>Aduan:Outbox</c>.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Aduan:Outbox";

    /// <summary>Run the dispatcher in this instance (every instance may; they share the work).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often an idle dispatcher looks for due messages (it is also woken by new ones from this instance).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 20;

    /// <summary>Attempts before a message is dead-lettered.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 12;

    /// <summary>The first retry's delay; each further one doubles, up to <see cref="MaxDelay"/>, with ±20% jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a claimed message belongs to one instance; longer than the slowest delivery.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Timeout of one delivery: an HTTP request, or one SMTP connection with its message.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
