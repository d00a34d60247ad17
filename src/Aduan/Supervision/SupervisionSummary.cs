using Aduan.Complaints;
using Aduan.Statistics;

namespace Aduan.Supervision;

/// <summary>Median and 90th percentile (nearest rank) of whole working days, over <see cref="Count"/> reports.</summary>
public sealed record Percentiles(int Count, int? Median, int? P90)
{
    public static readonly Percentiles None = new(0, null, null);

    /// <summary>From a histogram: how many reports took each number of days.</summary>
    public static Percentiles From(IEnumerable<(int Days, int Count)> histogram)
    {
        var sorted = histogram.Where(h => h.Count > 0).OrderBy(h => h.Days).ToList();
        var total = sorted.Sum(h => h.Count);
        if (total == 0)
        {
            return None;
        }

        int Rank(double p)
        {
            var rank = (int)Math.Ceiling(p * total);
            var seen = 0;
            foreach (var (days, count) in sorted)
            {
                seen += count;
                if (seen >= rank)
                {
                    return days;
                }
            }

            return sorted[^1].Days;
        }

        return new Percentiles(total, Rank(0.5), Rank(0.9));
    }
}

/// <summary>
/// One agency's figures over the reports it received in the period (submitted in the period and led by
/// it now): followed up, on time (the final follow-up at or before the resolution deadline), late (after
/// it, or not yet and the deadline has passed), reopened, rated.
/// </summary>
public sealed record AgencyFigures(long AgencyId, string Code, string Name, int Received, int FollowedUp, int OnTime, int Late,
    int Reopened, int Rated, double? AverageRating, Percentiles Response, Percentiles FollowUp)
{
    /// <summary>Of the reports whose deadline is decided (on time or late), the share on time.</summary>
    public double? OnTimeShare => OnTime + Late == 0 ? null : (double)OnTime / (OnTime + Late);

    /// <summary>Of the reports followed up, the share reopened since.</summary>
    public double? ReopenRate => FollowedUp == 0 ? null : (double)Reopened / FollowedUp;
}

public sealed record AgencyCount(long? AgencyId, string? Code, string? Name, int Count);

public sealed record AgeCount(AgeBand Band, int Count);

public sealed record StateCount(ComplaintStatus Status, int Count);

/// <summary>An agency's on-time share in the period and in the period of the same length before it.</summary>
public sealed record Improvement(string Code, string Name, double Before, double After)
{
    public double Change => After - Before;
}

/// <summary>One week (Monday to Sunday, WIB): received, followed up, and deadlines that fell due in it and were missed.</summary>
public sealed record WeekFigures(Period Week, int Received, int FollowedUp, int Missed);

/// <summary>Open reports of a kecamatan, and its approximate centre when known (for the plot).</summary>
public sealed record KecamatanCount(string? Name, int Open, double? Latitude, double? Longitude);

/// <summary>
/// Everything the dashboard shows for a scope and a period. Imported reports (past reports brought in
/// from a spreadsheet) are counted only in <see cref="ImportedReceived"/> and <see cref="ImportedOpen"/>:
/// every other figure is about reports that came in through Aduan.
/// </summary>
public sealed record SupervisionSummary(
    SupervisionScope Scope,
    Period Period,
    Period Previous,
    DateTimeOffset At,
    int Received,
    int FollowedUp,
    IReadOnlyList<StateCount> OpenByState,
    IReadOnlyList<AgeCount> OpenByAge,
    IReadOnlyList<AgencyCount> OverdueByAgency,
    int OmbudsmanFlagged,
    int ImportedReceived,
    int ImportedOpen,
    IReadOnlyList<AgencyFigures> Ranking,
    IReadOnlyList<Improvement> MostImproved,
    IReadOnlyList<WeekFigures> Weeks,
    IReadOnlyList<KecamatanCount> ByKecamatan)
{
    public int Open => OpenByState.Sum(s => s.Count);

    public int Overdue => OverdueByAgency.Sum(a => a.Count);
}

/// <summary>An open report on the scorecard (its title as the public may read it: the scorecard is printed and mailed).</summary>
public sealed record OpenReport(string TrackingCode, string? Title, ComplaintStatus Status, DateTimeOffset SubmittedAt, DateTimeOffset? NextDueAt);
