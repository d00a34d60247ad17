using Aduan.Complaints;

namespace Aduan.Data;

/// <summary>
/// Remembers an intake request by its Idempotency-Key, so a retry returns the same report instead
/// of a second one. The reporter key is kept encrypted with data protection, to be given again.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int MaxKeyLength = 100;

    public required string Key { get; set; }
    public required string RequestHash { get; set; }
    public long ComplaintId { get; set; }
    public Complaint? Complaint { get; set; }
    public required string ProtectedReporterKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
