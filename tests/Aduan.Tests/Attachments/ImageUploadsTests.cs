using Aduan.Attachments;
using Aduan.Tests.Support;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Aduan.Tests.Attachments;

/// <summary>Decompression bombs: small files that describe huge pictures are refused by their header, before any pixel is decoded.</summary>
public sealed class ImageUploadsTests : IDisposable
{
    private readonly AttachmentOptions _options = new();
    private readonly PhotoDecodeGate _gate;
    private readonly ImageUploads _uploads;

    public ImageUploadsTests()
    {
        _gate = new PhotoDecodeGate(Options.Create(_options));
        _uploads = new ImageUploads(Options.Create(_options), _gate);
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Every forgeable kind of file, claiming sizes past the limits: square, long, just over the limit, and (for the formats decoded at full size) over the lower one.</summary>
    public static TheoryData<string, int, int> Bombs()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var kind in TestImages.Kinds)
        {
            var webp = kind.EndsWith("webp", StringComparison.Ordinal);
            data.Add(kind, 16383, 16383);
            data.Add(kind, 9000, 6000); // 54 MP, just over 8192 × 6144
            data.Add(kind, 16383, 4000);
            data.Add(kind, 4000, 16383);
            if (!webp)
            {
                data.Add(kind, 30000, 30000);
                data.Add(kind, 65500, 1000); // JPEG's largest edge
                data.Add(kind, 1000, 65500);
            }

            if (kind is not ("jpeg" or "webp"))
            {
                data.Add(kind, 5000, 4000); // 20 MP: fine for a camera JPEG, too much to decode at full size
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Bombs))]
    public async Task Reencode_HeaderClaimsTooManyPixels_IsRefusedWithoutDecoding(string kind, int width, int height)
    {
        var bomb = TestImages.Claiming(kind, width, height);

        var (image, refusal) = await _uploads.ReencodeAsync(bomb, CancellationToken.None);

        Assert.Null(image);
        Assert.True(refusal!.TooManyPixels, $"{kind} {width}×{height} ({bomb.Length} bytes) was not refused for its size");
        Assert.Equal((width, height), (refusal.Width, refusal.Height));
        Assert.Equal(0, _gate.Decodes);
    }

    [Fact]
    public async Task Reencode_MorePixelsThanTheSetting_IsRefused()
    {
        _options.MaxPixels = 1_000_000;

        var (image, refusal) = await _uploads.ReencodeAsync(TestImages.Jpeg(1200, 1000), CancellationToken.None);

        Assert.Null(image);
        Assert.Equal(new PhotoRefusal(TooManyPixels: true, 1200, 1000, 1_000_000), refusal);
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("webp")]
    public void DecodeScaled_LargeCameraPhoto_DecodesAtMostTwiceTheStoredEdge(string kind)
    {
        var photo = kind == "jpeg" ? TestImages.Jpeg(6000, 4000) : TestImages.WebP(6000, 4000);
        using var codec = SKCodec.Create(SKData.CreateCopy(photo));

        using var decoded = ImageUploads.DecodeScaled(codec, _options.MaxEdge);

        Assert.NotNull(decoded);
        Assert.InRange(Math.Max(decoded.Width, decoded.Height), _options.MaxEdge, 2 * _options.MaxEdge);
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("webp")]
    [InlineData("png")]
    public async Task Reencode_NormalPhoto_IsStoredAsJpegScaledToTheMaxEdge(string kind)
    {
        var photo = kind switch
        {
            "jpeg" => TestImages.Jpeg(6000, 4000),
            "webp" => TestImages.WebP(4000, 3000),
            _ => TestImages.Png(3000, 2000),
        };

        var (image, refusal) = await _uploads.ReencodeAsync(photo, CancellationToken.None);

        Assert.Null(refusal);
        Assert.Equal(_options.MaxEdge, image!.Width);
        Assert.Equal([0xFF, 0xD8, 0xFF], image.Jpeg[..3]);
        Assert.Equal(1, _gate.Decodes);
    }
}
