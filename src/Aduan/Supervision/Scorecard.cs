using System.Globalization;
using Aduan.Agencies;
using Aduan.Infrastructure;
using Aduan.Resources;
using Aduan.Statistics;
using Microsoft.Extensions.Localization;

namespace Aduan.Supervision;

/// <summary>One agency's month: its figures, the summary it comes from (trend, open, overdue), its oldest open and overdue reports.</summary>
public sealed record ScorecardData(AgencyDirectory.Entry Agency, Period Month, SupervisionSummary Summary, AgencyFigures? Figures,
    IReadOnlyList<OpenReport> Oldest, IReadOnlyList<OpenReport> Overdue);

/// <summary>The agency scorecard (<c>/staff/dasbor/instansi/{code}?bulan=yyyy-MM</c>) and its XLSX, for the page and the scheduled summaries.</summary>
public sealed class Scorecards(SupervisionQueries queries, AgencyDirectory agencies, TimeProvider time)
{
    /// <summary>Reads <c>yyyy-MM</c>; null when it is not a month between 2000 and 2100.</summary>
    public static Period? Month(string? text)
    {
        if (text is null || !DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            || first.Year is < 2000 or > 2100)
        {
            return null;
        }

        return new Period(first, first.AddMonths(1).AddDays(-1));
    }

    public Period ThisMonth()
    {
        var today = Period.WibDate(time.GetUtcNow());
        return Month($"{today:yyyy-MM}")!;
    }

    /// <summary>Null when no agency has this code.</summary>
    public async Task<ScorecardData?> GetAsync(string code, Period month, CancellationToken ct)
    {
        var agency = (await agencies.GetAsync(ct)).Values.FirstOrDefault(a => string.Equals(a.Code, code, StringComparison.OrdinalIgnoreCase));
        if (agency is null)
        {
            return null;
        }

        var scope = SupervisionScope.Agency(agency.Id, agency.Code);
        var summary = await queries.SummaryAsync(scope, month, ct);
        return new ScorecardData(agency, month, summary, summary.Ranking.SingleOrDefault(a => a.AgencyId == agency.Id),
            await queries.OldestOpenAsync(scope, SupervisionQueries.OldestShown, ct),
            await queries.OverdueAsync(scope, SupervisionQueries.OverdueShown, ct));
    }

    /// <summary>The scorecard's headline figures, label and value, as the page and the XLSX's first sheet list them.</summary>
    public static IReadOnlyList<(string Label, FigureCell Value)> Figures(ScorecardData d, IStringLocalizer<SharedResource> t, CultureInfo culture)
    {
        var links = new FigureLinks(d.Summary.Scope, d.Month);
        var f = d.Figures;
        FigureCell N(int value, string? link = null) => new(value.ToString("N0", culture), value, link);
        FigureCell Share(double? value) => value is { } v ? new(v.ToString("P0", culture), Math.Round(v, 4)) : new("–");
        FigureCell Days(int? value) => value is { } v ? new(v.ToString("N0", culture), v) : new("–");
        var code = d.Agency.Code;
        return
        [
            (t["Stats.Agency"], new FigureCell(d.Agency.Name)),
            (t["Dash.Month"], new FigureCell(d.Month.From.ToString("MMMM yyyy", culture))),
            (t["Stats.Received"], N(f?.Received ?? 0, links.Received(code))),
            (t["Stats.FollowedUp"], N(f?.FollowedUp ?? 0, links.FollowedUp(code))),
            (t["Dash.OnTime"], N(f?.OnTime ?? 0, links.OnTime(code))),
            (t["Dash.Late"], N(f?.Late ?? 0, links.Late(code))),
            (t["Dash.OnTimeShare"], Share(f?.OnTimeShare)),
            (t["Dash.ResponseMedian"], Days(f?.Response.Median)),
            (t["Dash.ResponseP90"], Days(f?.Response.P90)),
            (t["Dash.FollowUpMedian"], Days(f?.FollowUp.Median)),
            (t["Dash.FollowUpP90"], Days(f?.FollowUp.P90)),
            (t["Dash.Reopened"], N(f?.Reopened ?? 0, links.Reopened(code))),
            (t["Dash.ReopenRate"], Share(f?.ReopenRate)),
            (t["Dash.AverageRating"], f?.AverageRating is { } r ? new FigureCell(r.ToString("0.0", culture), Math.Round(r, 2)) : new FigureCell("–")),
            (t["Dash.OpenNow"], N(d.Summary.Open, links.Open())),
            (t["Dash.OverdueNow"], N(d.Summary.Overdue, links.Overdue())),
            (t["Dash.Ombudsman"], N(d.Summary.OmbudsmanFlagged, links.Ombudsman())),
        ];
    }

    /// <summary>The open reports as a table (oldest or overdue): code, title, state, submitted, deadline.</summary>
    public static FigureTable Reports(string id, string title, IReadOnlyList<OpenReport> reports, IStringLocalizer<SharedResource> t,
        CultureInfo culture)
    {
        string When(DateTimeOffset at) => at.ToOffset(Period.Wib).ToString("d MMM yyyy", culture);
        return new FigureTable(id, title, [t["Dash.Code"], t["Dash.ReportTitle"], t["Report.Status"], t["Dash.Submitted"], t["Dash.Due"]],
            reports.Select(r => (IReadOnlyList<FigureCell>)
            [
                new FigureCell(r.TrackingCode, null, "/staff/reports/" + r.TrackingCode), new FigureCell(r.Title ?? ""),
                new FigureCell(t["Status." + r.Status]), new FigureCell(When(r.SubmittedAt)),
                new FigureCell(r.NextDueAt is { } due ? When(due) : "–"),
            ]).ToList(), ChartColumn: null);
    }

    /// <summary>The scorecard as a workbook: the figures, the weekly trend, the oldest open and the overdue reports.</summary>
    public static byte[] ScorecardXlsx(ScorecardData d, IStringLocalizer<SharedResource> t, CultureInfo culture)
    {
        var tables = new DashboardTables(t, culture);
        return DashboardExport.Xlsx(
            [
                tables.Weeks(d.Summary), Reports("oldest", t["Dash.Oldest"], d.Oldest, t, culture),
                Reports("overdue-list", t["Dash.OverdueList"], d.Overdue, t, culture),
            ],
            Figures(d, t, culture), t["Dash.Scorecard"]);
    }
}
