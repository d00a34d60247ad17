using System.Globalization;
using System.Text;
using Aduan.Resources;
using Microsoft.Extensions.Localization;

namespace Aduan.Statistics;

/// <summary>
/// The period report as a paragraph a press officer can publish, in the words of the city's own
/// releases: the period, the totals, the three agencies that received the most, and the rest.
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

        // "Directed to" is about what came in, so the sentence ranks by reports received.
        var top = n.ByAgency.Where(a => a.Received > 0).OrderByDescending(a => a.Received).ThenBy(a => a.Name, StringComparer.Ordinal)
            .Take(Named).ToList();
        if (top.Count > 0)
        {
            text.Append(' ').Append(t["Stats.Summary.Top", top[0].Name, N(top[0].Received)]);
            for (var i = 1; i < top.Count; i++)
            {
                var key = i == top.Count - 1 && i > 1 ? "Stats.Summary.And" : "Stats.Summary.Next";
                text.Append(i == top.Count - 1 && i > 1 ? " " : ", ").Append(t[key, top[i].Name, N(top[i].Received)]);
            }

            var others = n.Received - n.NotDispatched - top.Sum(a => a.Received);
            if (others > 0)
            {
                text.Append(", ").Append(t["Stats.Summary.Others", N(others)]);
            }

            text.Append('.');
        }

        if (n.NotDispatched > 0)
        {
            text.Append(' ').Append(t[n.NotDispatched == 1 ? "Stats.Summary.NotDispatchedOne" : "Stats.Summary.NotDispatched", N(n.NotDispatched)]);
        }

        return text.ToString();
    }
}
