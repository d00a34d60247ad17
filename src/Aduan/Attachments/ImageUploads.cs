using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Aduan.Infrastructure;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Aduan.Attachments;

/// <summary>A photo ready to store: re-encoded, with its hash.</summary>
public sealed record StoredImage(string FileName, byte[] Jpeg, int Width, int Height, string Sha256);

/// <summary>
/// Checks uploads by their content, not their name or declared type: only JPEG, PNG and WebP
/// signatures are decoded at all, and whatever decodes is drawn again and encoded as a fresh JPEG
/// (upright, scaled down, without metadata). Anything else is refused with a message for the form.
/// </summary>
public sealed class ImageUploads(IOptions<AttachmentOptions> options)
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

            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            if (Reencode(buffer.ToArray()) is { } image)
            {
                result.Add(image with { FileName = name });
            }
            else
            {
                v.Add(field, "Field.NotAPhoto", name);
            }
        }

        return result;
    }

    /// <summary>The photo as a fresh JPEG, or null when the bytes are not a JPEG, PNG or WebP image that decodes.</summary>
    public StoredImage? Reencode(byte[] bytes)
    {
        if (!LooksLikeImage(bytes))
        {
            return null;
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0 || (long)codec.Info.Width * codec.Info.Height > 50_000_000)
        {
            return null;
        }

        using var decoded = SKBitmap.Decode(codec);
        if (decoded is null)
        {
            return null;
        }

        using var upright = Orient(decoded, codec.EncodedOrigin);
        var scale = Math.Min(1.0, (double)Options.MaxEdge / Math.Max(upright.Width, upright.Height));
        var width = Math.Max(1, (int)Math.Round(upright.Width * scale));
        var height = Math.Max(1, (int)Math.Round(upright.Height * scale));
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White); // transparent PNG areas become white, not black
        using var source = SKImage.FromBitmap(upright);
        canvas.DrawImage(source, new SKRect(0, 0, width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var snapshot = surface.Snapshot();
        using var jpeg = snapshot.Encode(SKEncodedImageFormat.Jpeg, Options.JpegQuality);
        var output = jpeg.ToArray();
        return new StoredImage("", output, width, height, Convert.ToHexStringLower(SHA256.HashData(output)));
    }

    private static bool LooksLikeImage(byte[] b) =>
        (b.Length > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
        || (b.Length > 8 && b[0] == 0x89 && b[1] == 0x50 && b[2] == 0x4E && b[3] == 0x47)
        || (b.Length > 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P');

    /// <summary>Phones store photos sideways with an orientation tag; the tag is dropped, so the pixels are turned instead.</summary>
    private static SKBitmap Orient(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        var (degrees, swap) = origin switch
        {
            SKEncodedOrigin.BottomRight => (180, false),
            SKEncodedOrigin.RightTop => (90, true),
            SKEncodedOrigin.LeftBottom => (270, true),
            _ => (0, false),
        };
        var rotated = new SKBitmap(swap ? bitmap.Height : bitmap.Width, swap ? bitmap.Width : bitmap.Height);
        using var canvas = new SKCanvas(rotated);
        canvas.Translate(rotated.Width / 2f, rotated.Height / 2f);
        canvas.RotateDegrees(degrees);
        canvas.Translate(-bitmap.Width / 2f, -bitmap.Height / 2f);
        using var image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, 0, 0, SKSamplingOptions.Default);
        return rotated;
    }

    /// <summary>The file's own name without any path, control or markup characters, at most 100 characters.</summary>
    public static string CleanName(string? name)
    {
        var bare = Path.GetFileName((name ?? "").Replace('\\', '/'));
        var clean = new string(bare.Where(c => !char.IsControl(c) && c is not ('<' or '>' or '"' or '/' or ':')).ToArray()).Trim();
        return clean.Length == 0 ? "foto.jpg" : clean.Length > 100 ? clean[..100] : clean;
    }
}
