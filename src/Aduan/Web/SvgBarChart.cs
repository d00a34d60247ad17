using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Aduan.Web;

/// <summary>One bar: its label, its length, and the text written after it.</summary>
public sealed record Bar(string Label, double Value, string Shown);

/// <summary>
/// A horizontal bar chart drawn on the server as inline SVG: readable without JavaScript, sharp
/// when printed, a few hundred bytes a bar. It is an image with a title for screen readers; the
/// numbers themselves are in the table the page puts beside it. Each label stands on its own line
/// above its bar, so the drawing is narrow (about a phone's width) and its text stays readable
/// when a 360 px screen scales it down.
/// </summary>
public static class SvgBarChart
{
    private const int Width = 360;
    private const int ValueWidth = 64;
    private const int RowHeight = 40;
    private const int MaxLabel = 48;

    public static IHtmlContent Render(string id, string title, IReadOnlyList<Bar> bars)
    {
        var height = Math.Max(1, bars.Count) * RowHeight + 4;
        var max = bars.Count == 0 ? 0 : bars.Max(b => b.Value);
        var span = Width - ValueWidth;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"""<svg class="chart" role="img" aria-labelledby="{id}-title" viewBox="0 0 {Width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title id="{id}-title">{E(title)}</title>""");
        for (var i = 0; i < bars.Count; i++)
        {
            var (bar, y) = (bars[i], i * RowHeight);
            var length = max <= 0 ? 0 : Math.Max(bar.Value > 0 ? 1 : 0, bar.Value / max * span);
            var label = bar.Label.Length > MaxLabel ? bar.Label[..(MaxLabel - 1)] + "…" : bar.Label;
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="0" y="{y + 14}">{E(label)}</text>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<rect x="0" y="{y + 20}" width="{length:0.#}" height="14"></rect>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{length + 6:0.#}" y="{y + 32}">{E(bar.Shown)}</text>""");
        }

        return new HtmlString(svg.Append("</svg>").ToString());
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
