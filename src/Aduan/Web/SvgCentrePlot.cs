using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Aduan.Web;

/// <summary>
/// Counts per kecamatan drawn at the kecamatan centres (an estimate, not a boundary) as circles whose
/// area grows with the count, on a plain background: a map without tiles, so it needs no tile server
/// (the staff pages' security policy admits none) and no JavaScript. The table beside it has the numbers.
/// </summary>
public static class SvgCentrePlot
{
    private const int Width = 360;
    private const int Height = 300;
    private const int Margin = 30;
    private const double MaxRadius = 24;

    public static IHtmlContent Render(string id, string title, IReadOnlyList<(string Label, double Latitude, double Longitude, int Count)> places)
    {
        var c = CultureInfo.InvariantCulture;
        var svg = new StringBuilder();
        svg.Append(c, $"""<svg class="chart plot" role="img" aria-labelledby="{id}-title" viewBox="0 0 {Width} {Height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">""");
        svg.Append(c, $"""<title id="{id}-title">{E(title)}</title><rect class="ground" x="0" y="0" width="{Width}" height="{Height}"></rect>""");
        if (places.Count > 0)
        {
            var (minLat, maxLat) = (places.Min(p => p.Latitude), places.Max(p => p.Latitude));
            var (minLng, maxLng) = (places.Min(p => p.Longitude), places.Max(p => p.Longitude));
            var span = Math.Max(Math.Max(maxLat - minLat, maxLng - minLng), 0.01);
            var scale = (Math.Min(Width, Height) - 2 * Margin) / span;
            var max = Math.Max(1, places.Max(p => p.Count));
            foreach (var p in places.OrderByDescending(p => p.Count))
            {
                var x = Margin + (p.Longitude - minLng) * scale;
                var y = Height - Margin - (p.Latitude - minLat) * scale; // north up
                var r = p.Count == 0 ? 2 : Math.Max(4, MaxRadius * Math.Sqrt((double)p.Count / max));
                svg.Append(c, $"""<circle cx="{x:0.#}" cy="{y:0.#}" r="{r:0.#}"></circle>""");
                svg.Append(c, $"""<text x="{x:0.#}" y="{y + r + 12:0.#}" text-anchor="middle">{E(p.Label)} ({p.Count})</text>""");
            }
        }

        return new HtmlString(svg.Append("</svg>").ToString());
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
