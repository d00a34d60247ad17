using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Aduan.Web;

/// <summary>
/// A few series over the same buckets (weeks) as lines drawn on the server in inline SVG, narrow
/// enough for a phone, with a legend. An image with a title: the numbers are in the table beside it.
/// </summary>
public static class SvgTrendChart
{
    private const int Width = 360;
    private const int Plot = 150;
    private const int Top = 10;
    private const int Left = 34;

    public static IHtmlContent Render(string id, string title, IReadOnlyList<string> buckets,
        IReadOnlyList<(string Name, IReadOnlyList<int> Values)> series)
    {
        var max = Math.Max(1, series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        var step = buckets.Count > 1 ? (double)(Width - Left - 6) / (buckets.Count - 1) : 0;
        var legendY = Top + Plot + 34;
        var height = legendY + series.Count * 18;
        var svg = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        svg.Append(c, $"""<svg class="chart trend" role="img" aria-labelledby="{id}-title" viewBox="0 0 {Width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">""");
        svg.Append(c, $"""<title id="{id}-title">{E(title)}</title>""");
        svg.Append(c, $"""<line class="axis" x1="{Left}" y1="{Top + Plot}" x2="{Width}" y2="{Top + Plot}"></line>""");
        svg.Append(c, $"""<text x="0" y="{Top + 10}">{max}</text><text x="0" y="{Top + Plot}">0</text>""");
        if (buckets.Count > 0)
        {
            svg.Append(c, $"""<text x="{Left}" y="{Top + Plot + 16}">{E(buckets[0])}</text>""");
            svg.Append(c, $"""<text x="{Width}" y="{Top + Plot + 16}" text-anchor="end">{E(buckets[^1])}</text>""");
        }

        for (var s = 0; s < series.Count; s++)
        {
            var points = string.Join(' ', series[s].Values.Select((v, i) =>
                string.Create(c, $"{Left + i * step:0.#},{Top + Plot - (double)v / max * Plot:0.#}")));
            svg.Append(c, $"""<polyline class="series-{s}" points="{points}"></polyline>""");
            var y = legendY + s * 18;
            svg.Append(c, $"""<line class="series-{s}" x1="{Left}" y1="{y - 4}" x2="{Left + 20}" y2="{y - 4}"></line>""");
            svg.Append(c, $"""<text x="{Left + 26}" y="{y}">{E(series[s].Name)}</text>""");
        }

        return new HtmlString(svg.Append("</svg>").ToString());
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
