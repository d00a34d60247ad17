using System.Globalization;
using System.Text;
using Aduan.Resources;
using Microsoft.Extensions.Localization;

namespace Aduan.Statistics;

/// <summary>
/// The period report as a paragraph a press officer can publish, in the words of the city's own
/// releases: the period, the totals, the three agencies that received the most and the rest, and
/// where the counts differ, the three that followed up the most and the rest.
/// </summary>
public static class PeriodSummary
{
    private const int Named = 3;

    public static string Write(PeriodNumbers n, IStringLocalizer<SharedResource> t, CultureInfo culture)
    {
        string N(int value) => value.ToString("N0", culture);
        var period = n.Period.Describe(culture);
        if (n.Received == 0)
        {
            return t["Stats.Summary.None", period];
        }

        // English says "1 complaint"; Indonesian has the same words for one and many (the ".One" keys repeat them).
        var text = new StringBuilder(t[n.Received == 1 ? "Stats.Summary.TotalsOne" : "Stats.Summary.Totals", period, N(n.Received), N(n.FollowedUp)]);

        // Two rankings, as the city's releases speak of both: where the reports went (received) and who
        // did the follow-ups. When every agency followed up all it received, they are one sentence.
        Rank(text, n.ByAgency.Select(a => (a.Name, a.Received)), n.Received - n.NotDispatched, "Stats.Summary.Top", "Stats.Summary.Others", t, N);
        if (n.ByAgency.Any(a => a.FollowedUp != a.Received))
        {
            Rank(text, n.ByAgency.Select(a => (a.Name, a.FollowedUp)), n.FollowedUp, "Stats.Summary.TopFollowedUp", "Stats.Summary.OthersFollowedUp", t, N);
        }

        if (n.NotDispatched > 0)
        {
            text.Append(' ').Append(t[n.NotDispatched == 1 ? "Stats.Summary.NotDispatchedOne" : "Stats.Summary.NotDispatched", N(n.NotDispatched)]);
        }

        return text.ToString();
    }

    /// <summary>"Most went to A (19), followed by B (12) and C (6), while the other 22 …": the three largest, then the rest of <paramref name="total"/>.</summary>
    private static void Rank(StringBuilder text, IEnumerable<(string Name, int Count)> counts, int total, string topKey, string othersKey,
        IStringLocalizer<SharedResource> t, Func<int, string> n)
    {
        var top = counts.Where(a => a.Count > 0).OrderByDescending(a => a.Count).ThenBy(a => a.Name, StringComparer.Ordinal).Take(Named).ToList();
        if (top.Count == 0)
        {
            return;
        }

        text.Append(' ').Append(t[topKey, top[0].Name, n(top[0].Count)]);
        for (var i = 1; i < top.Count; i++)
        {
            var last = i == top.Count - 1 && i > 1;
            text.Append(last ? " " : ", ").Append(t[last ? "Stats.Summary.And" : "Stats.Summary.Next", top[i].Name, n(top[i].Count)]);
        }

        var others = total - top.Sum(a => a.Count);
        if (others > 0)
        {
            text.Append(", ").Append(t[othersKey, n(others)]);
        }

        text.Append('.');
    }
}
