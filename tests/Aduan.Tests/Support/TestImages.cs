using SkiaSharp;

namespace Aduan.Tests.Support;

/// <summary>Photos made in memory for upload tests.</summary>
public static class TestImages
{
    /// <summary>A PNG of one flat colour, the size given.</summary>
    public static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.OrangeRed);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
