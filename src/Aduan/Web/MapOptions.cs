using System.ComponentModel.DataAnnotations;

namespace Aduan.Web;

/// <summary>The public maps' tile server and starting view (Aduan:Map).</summary>
public sealed class MapOptions
{
    public const string Section = "Aduan:Map";

    /// <summary>A Leaflet tile URL template; its host is allowed in the public pages' Content-Security-Policy.</summary>
    [Required]
    [RegularExpression(@"^https://[^/\s]+/\S*$")]
    public string TileUrl { get; set; } = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    [Required]
    public string Attribution { get; set; } = "© OpenStreetMap contributors";

    [Range(-90, 90)]
    public double CenterLat { get; set; } = -6.2383;

    [Range(-180, 180)]
    public double CenterLng { get; set; } = 106.9756;

    [Range(1, 19)]
    public int Zoom { get; set; } = 13;

    /// <summary>The tile server's origin for img-src: "https://tile.openstreetmap.org", or "https://*.tile.example" for {s} subdomains.</summary>
    public string TileOrigin()
    {
        var rest = TileUrl["https://".Length..];
        var host = rest[..rest.IndexOf('/', StringComparison.Ordinal)];
        return "https://" + host.Replace("{s}", "*", StringComparison.Ordinal);
    }
}
