namespace Aduan.Audit;

/// <summary>
/// One closed day's digest as it was published: the head of the chain of days up to and including
/// <see cref="Day"/>. The copy that counts is the one outside the database (the digest files, the
/// auditors' records); this row is what the admin page lists and where the next day continues.
/// </summary>
public sealed class AuditDigest
{
    public DateOnly Day { get; set; }

    /// <summary>SHA-256, 64 lowercase hex digits (see <see cref="DayDigest"/>).</summary>
    public required string Digest { get; set; }

    /// <summary>Events of that day taken into the digest.</summary>
    public long Events { get; set; }

    public DateTimeOffset ComputedAt { get; set; }
}
