using System.Globalization;
using Aduan.Resources;
using Microsoft.Extensions.Localization;

namespace Aduan.Statistics;

/// <summary>One line of a ranking in the period report.</summary>
public sealed record CountView(string Code, string Name, int Received, int FollowedUp);

/// <summary>The period report as the API, the page and the downloads give it.</summary>
public sealed record PeriodReport(
    string From, string To, int Received, int FollowedUp, int NotDispatched, IReadOnlyList<CountView> ByAgency,
    IReadOnlyList<CountView> ByCategory, IReadOnlyList<CountView> ByChannel, string Summary)
{
    public static PeriodReport Create(PeriodNumbers n, IStringLocalizer<SharedResource> t, CultureInfo culture)
    {
        static List<CountView> Views(IEnumerable<Count> counts) => counts.Select(c => new CountView(c.Code, c.Name, c.Received, c.FollowedUp)).ToList();
        return new PeriodReport(Period.Iso(n.Period.From), Period.Iso(n.Period.To), n.Received, n.FollowedUp, n.NotDispatched,
            Views(n.ByAgency), Views(n.ByCategory), Views(n.ByChannel), PeriodSummary.Write(n, t, culture));
    }

    /// <summary>The rankings as titled tables, in the order the downloads list them.</summary>
    public IEnumerable<(string Title, IReadOnlyList<CountView> Rows)> Tables(IStringLocalizer<SharedResource> t) =>
    [
        (t["Stats.ByAgency"], ByAgency), (t["Stats.ByCategory"], ByCategory), (t["Stats.ByChannel"], ByChannel),
    ];
}
