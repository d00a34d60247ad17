using System.ComponentModel.DataAnnotations;

namespace Aduan.Portal;

/// <summary>Section <c>Aduan:Map</c>: the map on the report form (a progressive enhancement; typed addresses always work).</summary>
public sealed class MapOptions
{
    public const string Section = "Aduan:Map";

    /// <summary>Tile address template with {z}, {x}, {y} (and optionally {s}); its host is allowed in the public pages' CSP.</summary>
    [Required]
    [RegularExpression(@"^https?://[^/\s]+/\S*\{z\}\S*$")]
    public string TileUrl { get; set; } = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    /// <summary>Credit shown on the map, as the tile server's terms require (plain text).</summary>
    [Required]
    public string Attribution { get; set; } = "© OpenStreetMap contributors";

    /// <summary>Where the map opens: the city's centre (Kota Bekasi by default).</summary>
    [Range(-90, 90)]
    public double CenterLat { get; set; } = -6.2383;

    [Range(-180, 180)]
    public double CenterLng { get; set; } = 106.9756;

    [Range(1, 19)]
    public int Zoom { get; set; } = 13;

    /// <summary>The scheme and host of <see cref="TileUrl"/> for the CSP, with a {s} subdomain as a wildcard.</summary>
    public string TileSource()
    {
        var start = TileUrl.IndexOf("://", StringComparison.Ordinal) + 3;
        var end = TileUrl.IndexOf('/', start);
        return TileUrl[..end].Replace("{s}", "*", StringComparison.Ordinal);
    }
}
