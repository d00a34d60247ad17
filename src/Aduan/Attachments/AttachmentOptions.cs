using System.ComponentModel.DataAnnotations;

namespace Aduan.Attachments;

/// <summary>Section <c>Aduan:Attachments</c>.</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Aduan:Attachments";

    /// <summary>Largest accepted upload per photo, in bytes (before re-encoding).</summary>
    [Range(1024, 50 * 1024 * 1024)]
    public int MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Photos per follow-up.</summary>
    [Range(1, 20)]
    public int MaxPhotos { get; set; } = 5;

    /// <summary>Longest edge of a stored photo, in pixels; larger ones are scaled down.</summary>
    [Range(200, 8000)]
    public int MaxEdge { get; set; } = 1600;

    [Range(30, 100)]
    public int JpegQuality { get; set; } = 80;
}
