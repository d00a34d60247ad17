using System.Security.Cryptography;
using Aduan.Complaints;

namespace Aduan.Attachments;

/// <summary>
/// A photo stored with a report's event (proof of work with a follow-up). Only re-encoded JPEGs
/// are stored (see <see cref="ImageUploads"/>): nothing a user uploaded is ever served back as it came,
/// and camera metadata such as GPS is gone. Kept in the database, so backups and every app
/// instance have it.
/// </summary>
public sealed class Attachment
{
    public long Id { get; set; }

    /// <summary>
    /// How links name the photo: 128 random bits (32 hex digits), so a photo cannot be reached by
    /// counting; the sequential <see cref="Id"/> never leaves the server.
    /// </summary>
    public string PublicId { get; set; } = NewPublicId();

    public long ComplaintId { get; set; }

    /// <summary>The event it belongs to (its sequence in the report's chain, whose data lists its hash).</summary>
    public int EventSequence { get; set; }

    public EventVisibility Visibility { get; set; }

    /// <summary>The uploaded file's name, cleaned; for display only.</summary>
    public required string FileName { get; set; }

    public required string ContentType { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public int Size { get; set; }

    /// <summary>SHA-256 (hex) of <see cref="Content"/>, recorded in the event's data.</summary>
    public required string Sha256 { get; set; }

    public required byte[] Content { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public string? UploadedByUserId { get; set; }

    public static string NewPublicId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Whether a link's value can be a <see cref="PublicId"/> at all (checked before the database is asked).</summary>
    public static bool IsPublicId(string? value) => value is { Length: 32 } && value.All(char.IsAsciiHexDigitLower);

    /// <summary>A re-encoded photo as the attachment of one event.</summary>
    public static Attachment Of(StoredImage photo, long complaintId, int eventSequence, EventVisibility visibility,
        DateTimeOffset now, string? userId) => new()
    {
        ComplaintId = complaintId,
        EventSequence = eventSequence,
        Visibility = visibility,
        FileName = photo.FileName,
        ContentType = "image/jpeg",
        Width = photo.Width,
        Height = photo.Height,
        Size = photo.Jpeg.Length,
        Sha256 = photo.Sha256,
        Content = photo.Jpeg,
        UploadedAt = now,
        UploadedByUserId = userId,
    };
}
