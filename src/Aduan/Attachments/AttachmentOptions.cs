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

    /// <summary>
    /// Most pixels a photo may have, as its header states them (checked before anything is decoded).
    /// 8192 × 6144: the full-resolution output of the largest common phone sensors (50 MP); phones
    /// save 12 MP by default. A tiny file can claim far more, and decoding is what costs.
    /// </summary>
    [Range(1_000_000, 200_000_000)]
    public long MaxPixels { get; set; } = 8192L * 6144;

    /// <summary>
    /// Most pixels of a photo that must be decoded at full size (PNG, progressive JPEG, lossless or
    /// extended WebP): 4 bytes a pixel, so 64 MB at 4096 × 4096. Camera JPEGs and lossy WebP are
    /// decoded at a reduced size instead and only <see cref="MaxPixels"/> applies to them.
    /// </summary>
    [Range(1_000_000, 200_000_000)]
    public long MaxFullDecodePixels { get; set; } = 4096L * 4096;

    /// <summary>Photos decoded at once in this process; more uploads wait (within the request's time-out).</summary>
    [Range(1, 1024)]
    public int MaxConcurrentDecodes { get; set; } = Environment.ProcessorCount;
}
