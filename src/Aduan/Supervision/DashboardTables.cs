using System.Globalization;
using Aduan.Resources;
using Microsoft.Extensions.Localization;

namespace Aduan.Supervision;

/// <summary>
/// The dashboard's tables from a <see cref="SupervisionSummary"/>, with their words and links: the page
/// renders them, the exports write them, the scheduled summaries can attach them.
/// </summary>
public sealed class DashboardTables(IStringLocalizer<SharedResource> t, CultureInfo culture)
{
    public static readonly IReadOnlyList<string> Ids = ["state", "age", "overdue", "ranking", "improved", "weeks", "kecamatan"];

    public IReadOnlyList<FigureTable> All(SupervisionSummary s) =>
        [State(s), Age(s), Overdue(s), Ranking(s), Improved(s), Weeks(s), Kecamatan(s)];

    private FigureCell N(int value, string? link = null) => new(value.ToString("N0", culture), value, link);

    private FigureCell Share(double? value) => value is { } v ? new(v.ToString("P0", culture), Math.Round(v, 4)) : new("–");

    private FigureCell Days(int? value) => value is { } v ? new(v.ToString("N0", culture), v) : new("–");

    private static FigureCell Text(string text) => new(text);

    /// <summary>The agency's scorecard for the month the period ends in.</summary>
    public static string ScorecardLink(string code, Statistics.Period period) =>
        $"/staff/dasbor/instansi/{Uri.EscapeDataString(code)}?bulan={period.To.ToString("yyyy-MM", CultureInfo.InvariantCulture)}";

    public FigureTable State(SupervisionSummary s)
    {
        var links = new FigureLinks(s.Scope, s.Period);
        return new("state", t["Dash.OpenByState"], [t["Dash.State"], t["Dash.Open"]],
            s.OpenByState.Select(x => (IReadOnlyList<FigureCell>)[Text(t["Status." + x.Status]), N(x.Count, links.OpenIn(x.Status))]).ToList());
    }

    public FigureTable Age(SupervisionSummary s)
    {
        var links = new FigureLinks(s.Scope, s.Period);
        return new("age", t["Dash.OpenByAge"], [t["Dash.Age"], t["Dash.Open"]],
            s.OpenByAge.Select(x => (IReadOnlyList<FigureCell>)[Text(t["Dash.AgeBand." + x.Band.Code]), N(x.Count, links.OpenAged(x.Band))]).ToList());
    }

    public FigureTable Overdue(SupervisionSummary s)
    {
        var links = new FigureLinks(s.Scope, s.Period);
        return new("overdue", t["Dash.OverdueByAgency"], [t["Stats.Agency"], t["Dash.Overdue"]],
            s.OverdueByAgency.Select(x => (IReadOnlyList<FigureCell>)[Text(x.Name ?? t["Dash.NoAgency"]), N(x.Count, links.OverdueAt(x.Code))])
                .ToList());
    }

    public FigureTable Ranking(SupervisionSummary s)
    {
        var links = new FigureLinks(s.Scope, s.Period);
        return new("ranking", t["Dash.Ranking"],
            [t["Stats.Agency"], t["Dash.OnTimeShare"], t["Stats.Received"], t["Stats.FollowedUp"], t["Dash.OnTime"], t["Dash.Late"],
                t["Dash.ResponseMedian"], t["Dash.ResponseP90"], t["Dash.FollowUpMedian"], t["Dash.FollowUpP90"], t["Dash.Reopened"],
                t["Dash.ReopenRate"], t["Dash.Rated"], t["Dash.AverageRating"]],
            s.Ranking.Select(a => (IReadOnlyList<FigureCell>)
            [
                new FigureCell(a.Name, null, ScorecardLink(a.Code, s.Period)), Share(a.OnTimeShare), N(a.Received, links.Received(a.Code)), N(a.FollowedUp, links.FollowedUp(a.Code)),
                N(a.OnTime, links.OnTime(a.Code)), N(a.Late, links.Late(a.Code)), Days(a.Response.Median), Days(a.Response.P90),
                Days(a.FollowUp.Median), Days(a.FollowUp.P90), N(a.Reopened, links.Reopened(a.Code)), Share(a.ReopenRate),
                N(a.Rated, links.Rated(a.Code)),
                a.AverageRating is { } r ? new FigureCell(r.ToString("0.0", culture), Math.Round(r, 2)) : Text("–"),
            ]).ToList());
    }

    public FigureTable Improved(SupervisionSummary s) =>
        new("improved", t["Dash.MostImproved"], [t["Stats.Agency"], t["Dash.Change"], t["Dash.Before"], t["Dash.After"]],
            s.MostImproved.Select(i => (IReadOnlyList<FigureCell>)
            [
                Text(i.Name), new FigureCell("+" + (i.Change * 100).ToString("0", culture), Math.Round(i.Change * 100, 1)),
                Share(i.Before), Share(i.After),
            ]).ToList());

    public FigureTable Weeks(SupervisionSummary s)
    {
        var links = new FigureLinks(s.Scope, s.Period);
        return new("weeks", t["Dash.Weekly"], [t["Dash.Week"], t["Stats.Received"], t["Stats.FollowedUp"], t["Dash.Missed"]],
            s.Weeks.Select(w => (IReadOnlyList<FigureCell>)
            [
                Text(w.Week.Describe(culture)), N(w.Received, links.WeekReceived(w.Week)), N(w.FollowedUp, links.WeekFollowedUp(w.Week)),
                N(w.Missed, links.WeekMissed(w.Week)),
            ]).ToList());
    }

    public FigureTable Kecamatan(SupervisionSummary s)
    {
        var links = new FigureLinks(s.Scope, s.Period);
        return new("kecamatan", t["Dash.ByKecamatan"], [t["Dash.Kecamatan"], t["Dash.Open"]],
            s.ByKecamatan.Select(k => (IReadOnlyList<FigureCell>)[Text(k.Name ?? t["Dash.NoKecamatan"]), N(k.Open, links.OpenInKecamatan(k.Name))])
                .ToList());
    }
}
