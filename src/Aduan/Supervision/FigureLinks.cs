using Aduan.Complaints;
using Aduan.Statistics;
using Microsoft.AspNetCore.WebUtilities;

namespace Aduan.Supervision;

/// <summary>
/// The staff list's address for each dashboard figure: the filters that give exactly the reports
/// counted (<see cref="FigureFilter"/>), within the scope's agency, never imported reports unless the
/// figure is about them.
/// </summary>
public sealed class FigureLinks(SupervisionScope scope, Period period)
{
    public const string List = "/staff/reports";

    private string Link(params (string Key, string? Value)[] filters)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (scope.AgencyCode is { } code && !filters.Any(f => f.Key == "agency" && f.Value is not null))
        {
            query.Add(new("agency", code));
        }

        query.AddRange(filters.Where(f => f.Value is not null).Select(f => new KeyValuePair<string, string?>(f.Key, f.Value)));
        if (!filters.Any(f => f.Key == "asal"))
        {
            query.Add(new("asal", FigureFilter.New));
        }

        return QueryHelpers.AddQueryString(List, query);
    }

    private static (string, string?)[] InPeriod(Period p) => [("from", Period.Iso(p.From)), ("to", Period.Iso(p.To))];

    private static (string, string?) Agency(string? code) => ("agency", code);

    public string Received(string? agency = null) => Link([.. InPeriod(period), Agency(agency)]);

    public string FollowedUp(string? agency = null) => Link([.. InPeriod(period), Agency(agency), ("followedup", "true")]);

    public string OnTime(string agency) => Link([.. InPeriod(period), Agency(agency), ("ontime", "true")]);

    public string Late(string agency) => Link([.. InPeriod(period), Agency(agency), ("late", "true")]);

    public string Reopened(string agency) => Link([.. InPeriod(period), Agency(agency), ("followedup", "true"), ("reopened", "true")]);

    public string Rated(string agency) => Link([.. InPeriod(period), Agency(agency), ("rated", "true")]);

    public string Open() => Link(("open", "true"));

    public string OpenIn(ComplaintStatus status) => Link(("open", "true"), ("status", status.ToString()));

    public string OpenAged(AgeBand band) => Link(("open", "true"), ("age", band.Code));

    public string Overdue() => Link(("open", "true"), ("overdue", "true"));

    /// <summary>Null agency: reports still at verification (no lead agency yet).</summary>
    public string OverdueAt(string? agency) =>
        agency is null ? Link(("open", "true"), ("overdue", "true"), ("unassigned", "true")) : Link(("open", "true"), ("overdue", "true"), Agency(agency));

    public string Ombudsman() => Link(("flag", FigureFilter.Ombudsman));

    public string ImportedReceived() => Link([.. InPeriod(period), ("asal", FigureFilter.Imported)]);

    public string ImportedOpen() => Link(("open", "true"), ("asal", FigureFilter.Imported));

    public string WeekReceived(Period week) => Link(InPeriod(week));

    public string WeekFollowedUp(Period week) => Link(("followedfrom", Period.Iso(week.From)), ("followedto", Period.Iso(week.To)));

    public string WeekMissed(Period week) => Link(("missedfrom", Period.Iso(week.From)), ("missedto", Period.Iso(week.To)));

    public string OpenInKecamatan(string? kecamatan) => Link(("open", "true"), ("kecamatan", kecamatan ?? FigureFilter.NoKecamatan));
}
