using System.Buffers.Binary;
using SkiaSharp;

namespace Aduan.Tests.Support;

/// <summary>Photos made in memory for upload tests, and small files whose headers claim a huge picture.</summary>
public static class TestImages
{
    /// <summary>A PNG of one flat colour, the size given.</summary>
    public static byte[] Png(int width, int height) => Encode(width, height, SKEncodedImageFormat.Png, 100);

    /// <summary>A baseline JPEG, the size given.</summary>
    public static byte[] Jpeg(int width, int height) => Encode(width, height, SKEncodedImageFormat.Jpeg, 90);

    /// <summary>A lossy WebP ("VP8 "), the size given.</summary>
    public static byte[] WebP(int width, int height) => Encode(width, height, SKEncodedImageFormat.Webp, 90);

    /// <summary>A lossless WebP ("VP8L"), the size given.</summary>
    public static byte[] LosslessWebP(int width, int height)
    {
        using var bitmap = Flat(width, height);
        using var data = bitmap.PeekPixels().Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossless, 100))!;
        return data.ToArray();
    }

    /// <summary>The kinds of file <see cref="Claiming"/> can forge.</summary>
    public static readonly string[] Kinds = ["png", "jpeg", "progressive-jpeg", "multiscan-jpeg", "webp", "lossless-webp"];

    /// <summary>
    /// A small real image of <paramref name="kind"/> whose header is rewritten to claim
    /// <paramref name="width"/> × <paramref name="height"/>: what a decompression bomb looks like
    /// before anything is decoded (PNG's IHDR with its CRC, JPEG's frame header, WebP's VP8/VP8L header).
    /// </summary>
    public static byte[] Claiming(string kind, int width, int height)
    {
        switch (kind)
        {
            case "png":
            {
                var b = Png(16, 16);
                BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(16), width);
                BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(20), height);
                BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(29), Crc32(b.AsSpan(12, 17)));
                return b;
            }

            case "jpeg" or "progressive-jpeg" or "multiscan-jpeg":
            {
                var b = Jpeg(16, 16);
                var sof = b.AsSpan().IndexOf([(byte)0xFF, (byte)0xC0]);
                if (kind == "progressive-jpeg")
                {
                    b[sof + 1] = 0xC2;
                }

                if (kind == "multiscan-jpeg")
                {
                    // Sequential, but the first scan holds one component of three: a decoder keeps every
                    // coefficient of the picture until the last scan (the second review's 1 KB bomb).
                    var sos = b.AsSpan().IndexOf([(byte)0xFF, (byte)0xDA]);
                    var end = sos + 2 + BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(sos + 2));
                    byte[] oneComponent = [0xFF, 0xDA, 0x00, 0x08, 0x01, b[sos + 5], b[sos + 6], 0x00, 0x3F, 0x00];
                    b = [.. b[..sos], .. oneComponent, .. b[end..]];
                }

                BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(sof + 5), checked((ushort)height));
                BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(sof + 7), checked((ushort)width));
                return b;
            }

            case "webp":
            {
                var b = WebP(16, 16);
                Assert.Equal("VP8 "u8.ToArray(), b[12..16]);
                var scale = BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(26)) & 0xC000;
                BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(26), (ushort)(scale | checked((ushort)width)));
                BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(28), (ushort)(scale | checked((ushort)height)));
                return b;
            }

            case "lossless-webp":
            {
                var b = LosslessWebP(16, 16);
                Assert.Equal("VP8L"u8.ToArray(), b[12..16]);
                var bits = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(21));
                bits = (bits & 0xF000_0000) | (uint)(width - 1) | ((uint)(height - 1) << 14);
                BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(21), bits);
                return b;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private static byte[] Encode(int width, int height, SKEncodedImageFormat format, int quality)
    {
        using var bitmap = Flat(width, height);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    private static SKBitmap Flat(int width, int height)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        bitmap.Erase(SKColors.OrangeRed);
        return bitmap;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFF_FFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB8_8320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
