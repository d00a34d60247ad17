using System.Buffers.Binary;
using System.Security.Cryptography;
using Aduan.Infrastructure;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Aduan.Attachments;

/// <summary>A photo ready to store: re-encoded, with its hash.</summary>
public sealed record StoredImage(string FileName, byte[] Jpeg, int Width, int Height, string Sha256);

/// <summary>Why an upload was not turned into a <see cref="StoredImage"/>: not a photo, or more pixels than <see cref="Limit"/>.</summary>
public sealed record PhotoRefusal(bool TooManyPixels, int Width = 0, int Height = 0, long Limit = 0);

/// <summary>
/// Checks uploads by their content, not their name or declared type: only JPEG, PNG and WebP
/// signatures are looked at, and whatever decodes is drawn again and encoded as a fresh JPEG
/// (upright, scaled down, without metadata). Anything else is refused with a message for the form.
/// A small file can describe a huge picture, so the size in its header is checked before any pixel
/// is decoded; camera JPEGs and lossy WebP are decoded at a reduced size, the other formats only
/// up to a lower limit; and decodes take turns (<see cref="PhotoDecodeGate"/>).
/// </summary>
public sealed class ImageUploads(IOptions<AttachmentOptions> options, PhotoDecodeGate gate)
{
    public AttachmentOptions Options => options.Value;

    /// <summary>Reads and re-encodes the files; adds an error to <paramref name="v"/> under <paramref name="field"/> for each refused one.</summary>
    public async Task<IReadOnlyList<StoredImage>> ReadAsync(IReadOnlyList<IFormFile> files, string field, Validation v, CancellationToken ct)
    {
        var result = new List<StoredImage>();
        var real = files.Where(f => f.Length > 0).ToList();
        if (real.Count > Options.MaxPhotos)
        {
            v.Add(field, "Field.TooManyPhotos", Options.MaxPhotos);
            return result;
        }

        foreach (var file in real)
        {
            var name = CleanName(file.FileName);
            if (file.Length > Options.MaxBytes)
            {
                v.Add(field, "Field.PhotoTooLarge", name, Options.MaxBytes / (1024 * 1024));
                continue;
            }

            var bytes = new byte[file.Length];
            await using (var stream = file.OpenReadStream())
            {
                await stream.ReadExactlyAsync(bytes, ct);
            }

            var (image, refusal) = await ReencodeAsync(bytes, ct);
            if (image is not null)
            {
                result.Add(image with { FileName = name });
            }
            else if (refusal is { TooManyPixels: true } r)
            {
                v.Add(field, "Field.PhotoTooManyPixels", name, r.Width, r.Height, Math.Max(1, r.Limit / 1_000_000));
            }
            else
            {
                v.Add(field, "Field.NotAPhoto", name);
            }
        }

        return result;
    }

    /// <summary>The photo as a fresh JPEG, or why not: not a JPEG, PNG or WebP image that decodes, or too many pixels.</summary>
    public async Task<(StoredImage? Image, PhotoRefusal? Refusal)> ReencodeAsync(byte[] bytes, CancellationToken ct)
    {
        gate.CountRead();
        var notAPhoto = new PhotoRefusal(TooManyPixels: false);
        if (!LooksLikeImage(bytes))
        {
            return (null, notAPhoto);
        }

        // Reads the header only: the dimensions are known before a single pixel is decoded.
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            return (null, notAPhoto);
        }

        var limit = DecodesScaled(bytes) ? Options.MaxPixels : Math.Min(Options.MaxPixels, Options.MaxFullDecodePixels);
        if ((long)codec.Info.Width * codec.Info.Height > limit)
        {
            return (null, new PhotoRefusal(TooManyPixels: true, codec.Info.Width, codec.Info.Height, limit));
        }

        var image = await gate.RunAsync(() => Reencode(codec), ct);
        return image is null ? (null, notAPhoto) : (image, null);
    }

    private StoredImage? Reencode(SKCodec codec)
    {
        using var decoded = DecodeScaled(codec, Options.MaxEdge);
        if (decoded is null)
        {
            return null;
        }

        // Phones store photos sideways with an orientation tag; the tag is dropped, so the pixels are
        // turned instead, in the same draw that scales them (no second full-size copy).
        var (degrees, swap) = codec.EncodedOrigin switch
        {
            SKEncodedOrigin.BottomRight => (180, false),
            SKEncodedOrigin.RightTop => (90, true),
            SKEncodedOrigin.LeftBottom => (270, true),
            _ => (0, false),
        };
        var (uprightWidth, uprightHeight) = swap ? (decoded.Height, decoded.Width) : (decoded.Width, decoded.Height);
        var scale = Math.Min(1.0, (double)Options.MaxEdge / Math.Max(uprightWidth, uprightHeight));
        var width = Math.Max(1, (int)Math.Round(uprightWidth * scale));
        var height = Math.Max(1, (int)Math.Round(uprightHeight * scale));
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White); // transparent PNG areas become white, not black
        canvas.Translate(width / 2f, height / 2f);
        canvas.RotateDegrees(degrees);
        var (drawWidth, drawHeight) = swap ? (height, width) : (width, height);
        decoded.SetImmutable(); // so the image shares the decoded pixels instead of copying them
        using var source = SKImage.FromBitmap(decoded);
        canvas.DrawImage(source, new SKRect(-drawWidth / 2f, -drawHeight / 2f, drawWidth / 2f, drawHeight / 2f),
            new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var snapshot = surface.Snapshot();
        using var jpeg = snapshot.Encode(SKEncodedImageFormat.Jpeg, Options.JpegQuality);
        var output = jpeg.ToArray();
        return new StoredImage("", output, width, height, Convert.ToHexStringLower(SHA256.HashData(output)));
    }

    /// <summary>
    /// Decodes at the smallest size the codec offers that still covers <paramref name="maxEdge"/>:
    /// JPEG in eighths (so at most about twice <paramref name="maxEdge"/>), WebP to the pixel; PNG
    /// only at full size. Null when the pixels do not decode.
    /// </summary>
    public static SKBitmap? DecodeScaled(SKCodec codec, int maxEdge)
    {
        // The codec rounds to the nearest size it supports, which may fall short of the edge: then the next eighth up.
        var longest = Math.Max(codec.Info.Width, codec.Info.Height);
        var target = Math.Min(maxEdge, longest);
        var scale = (float)target / longest;
        var size = codec.GetScaledDimensions(scale);
        while (Math.Max(size.Width, size.Height) < target && scale < 1f)
        {
            scale = Math.Min(1f, scale + 0.125f);
            size = codec.GetScaledDimensions(scale);
        }

        var bitmap = new SKBitmap(new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var result = codec.GetPixels(bitmap.Info, bitmap.GetPixels());
        if (result is SKCodecResult.Success or SKCodecResult.IncompleteInput)
        {
            return bitmap;
        }

        bitmap.Dispose();
        return null;
    }

    private static bool LooksLikeImage(byte[] b) => IsJpeg(b) || IsPng(b) || IsWebP(b);

    private static bool IsJpeg(byte[] b) => b.Length > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF;

    private static bool IsPng(byte[] b) => b.Length > 8 && b[0] == 0x89 && b[1] == 0x50 && b[2] == 0x4E && b[3] == 0x47;

    private static bool IsWebP(byte[] b) =>
        b.Length > 16 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P';

    /// <summary>
    /// Whether the decoder can produce a reduced size while it reads, holding little more than the
    /// result: sequential JPEG (what cameras write) and simple lossy WebP ("VP8 "). PNG, progressive
    /// JPEG and lossless or extended WebP keep the whole picture in memory while decoding.
    /// </summary>
    private static bool DecodesScaled(byte[] b) =>
        (IsJpeg(b) && IsSequentialJpeg(b)) || (IsWebP(b) && b[12] == 'V' && b[13] == 'P' && b[14] == '8' && b[15] == ' ');

    /// <summary>
    /// Walks the JPEG's segments: a sequential frame (SOF0 or SOF1, not SOF2 progressive or the rare
    /// others) whose first scan holds every component. A sequential file whose components come in
    /// separate scans makes the decoder keep every coefficient of the whole picture, as a progressive
    /// one does (a 1 KB file of 8192×6144 took 400 MB): such a file gets the full-decode limit.
    /// </summary>
    private static bool IsSequentialJpeg(ReadOnlySpan<byte> b)
    {
        var components = 0;
        var i = 2;
        while (i + 4 <= b.Length && b[i] == 0xFF)
        {
            var marker = b[i + 1];
            switch (marker)
            {
                case 0xFF: // fill byte
                    i++;
                    continue;
                case 0xC0 or 0xC1 when components == 0 && i + 10 <= b.Length:
                    components = b[i + 9]; // FF C0, length, precision, height, width, then the number of components
                    i += 2 + BinaryPrimitives.ReadUInt16BigEndian(b[(i + 2)..]);
                    continue;
                case >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC:
                    return false; // another (or a second) frame type
                case 0xDA:
                    return components > 0 && i + 5 <= b.Length && b[i + 4] == components; // one interleaved scan
                case 0xD9:
                    return false; // the end before any scan
                case 0x01 or (>= 0xD0 and <= 0xD8):
                    i += 2; // markers without a length
                    continue;
                default:
                    i += 2 + BinaryPrimitives.ReadUInt16BigEndian(b[(i + 2)..]);
                    continue;
            }
        }

        return false;
    }

    /// <summary>The file's own name without any path, control or markup characters, at most 100 characters.</summary>
    public static string CleanName(string? name)
    {
        var bare = Path.GetFileName((name ?? "").Replace('\\', '/'));
        var clean = new string(bare.Where(c => !char.IsControl(c) && c is not ('<' or '>' or '"' or '/' or ':')).ToArray()).Trim();
        return clean.Length == 0 ? "foto.jpg" : clean.Length > 100 ? clean[..100] : clean;
    }
}
