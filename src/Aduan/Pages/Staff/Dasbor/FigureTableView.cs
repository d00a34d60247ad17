using System.Globalization;
using Aduan.Resources;
using Aduan.Supervision;
using Aduan.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace Aduan.Pages.Staff.Dasbor;

/// <summary>A figure table on a page: its chart (drawn on the server) beside it, and the query its downloads add, if any.</summary>
public sealed record FigureTableView(FigureTable Table, IHtmlContent? Chart, string? ExportQuery)
{
    /// <summary>The usual chart: the table's <see cref="FigureTable.ChartColumn"/> as bars.</summary>
    public static FigureTableView WithBars(FigureTable table, string? exportQuery) =>
        new(table, table.ChartColumn is { } column && table.Rows.Count > 0
            ? SvgBarChart.Render("chart-" + table.Id, table.Title,
                table.Rows.Select(r => new Bar(r[0].Text, r[column].Number ?? 0, r[column].Text)).ToList())
            : null, exportQuery);

    /// <summary>The weekly trend: received, followed up and missed deadlines as lines.</summary>
    public static FigureTableView Trend(FigureTable table, SupervisionSummary s, IStringLocalizer<SharedResource> t, string? exportQuery) =>
        new(table, SvgTrendChart.Render("chart-" + table.Id, table.Title,
            s.Weeks.Select(w => w.Week.From.ToString("d MMM", CultureInfo.CurrentCulture)).ToList(),
            [
                (t["Stats.Received"].Value, s.Weeks.Select(w => w.Received).ToList()),
                (t["Stats.FollowedUp"].Value, s.Weeks.Select(w => w.FollowedUp).ToList()),
                (t["Dash.Missed"].Value, s.Weeks.Select(w => w.Missed).ToList()),
            ]), exportQuery);

    /// <summary>Open reports per kecamatan, drawn at the kecamatan centres.</summary>
    public static FigureTableView Places(FigureTable table, SupervisionSummary s, IStringLocalizer<SharedResource> t, string? exportQuery) =>
        new(table, SvgCentrePlot.Render("chart-" + table.Id, t["Dash.KecamatanMap"],
            s.ByKecamatan.Where(k => k.Name is not null && k.Latitude is not null)
                .Select(k => (k.Name!, k.Latitude!.Value, k.Longitude!.Value, k.Open)).ToList()), exportQuery);

    /// <summary>The dashboard's view of each table.</summary>
    public static FigureTableView For(FigureTable table, SupervisionSummary s, IStringLocalizer<SharedResource> t, string? exportQuery) =>
        table.Id switch
        {
            "weeks" => Trend(table, s, t, exportQuery),
            "kecamatan" => Places(table, s, t, exportQuery),
            _ => WithBars(table, exportQuery),
        };
}
