using Aduan.Supervision;

namespace Aduan.Pages.Staff.Reports;

/// <summary>The list page's side of <see cref="FigureFilter"/>: empty fields as absent, and the filters the form has no field for.</summary>
public static class FigureFilters
{
    public static FigureFilter Trimmed(FigureFilter f) => f with
    {
        From = Empty(f.From), To = Empty(f.To), Age = Empty(f.Age), Kecamatan = Empty(f.Kecamatan), Asal = Empty(f.Asal),
        FollowedFrom = Empty(f.FollowedFrom), FollowedTo = Empty(f.FollowedTo), MissedFrom = Empty(f.MissedFrom), MissedTo = Empty(f.MissedTo),
    };

    /// <summary>
    /// The dashboard filters without a form field, as (query name, value, resource key of their label): kept
    /// as hidden fields so that filtering again keeps them, and listed so the user sees what narrows the list.
    /// </summary>
    public static IEnumerable<(string Name, string Value, string Label)> Hidden(FigureFilter f)
    {
        (string, string?, string)[] all =
        [
            ("age", f.Age, "List.Fig.Age"), ("unassigned", True(f.Unassigned), "List.Fig.Unassigned"),
            ("followedup", True(f.FollowedUp), "List.Fig.FollowedUp"), ("ontime", True(f.OnTime), "List.Fig.OnTime"),
            ("late", True(f.Late), "List.Fig.Late"), ("reopened", True(f.Reopened), "List.Fig.Reopened"), ("rated", True(f.Rated), "List.Fig.Rated"),
            ("followedfrom", f.FollowedFrom, "List.Fig.FollowedFrom"), ("followedto", f.FollowedTo, "List.Fig.FollowedTo"),
            ("missedfrom", f.MissedFrom, "List.Fig.MissedFrom"), ("missedto", f.MissedTo, "List.Fig.MissedTo"),
        ];
        return all.Where(a => a.Item2 is not null).Select(a => (a.Item1, a.Item2!, a.Item3));
    }

    private static string? True(bool? value) => value == true ? "true" : null;

    private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
