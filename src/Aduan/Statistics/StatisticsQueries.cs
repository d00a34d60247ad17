using Aduan.Agencies;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Supervision;
using Sum = Aduan.Supervision.SupervisionQueries.Sum;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Statistics;

public sealed record Count(string Code, string Name, int Received, int FollowedUp);

/// <summary>The period report's numbers: reports received in the period, and of those the ones followed up.</summary>
public sealed record PeriodNumbers(Period Period, int Received, int FollowedUp, int NotDispatched, IReadOnlyList<Count> ByAgency,
    IReadOnlyList<Count> ByCategory, IReadOnlyList<Count> ByChannel);

/// <summary>Per agency: reports received in the period and dispatched to it, how many are decided, how many in time.</summary>
public sealed record DeadlineShare(string Code, string Name, int Dispatched, int Decided, int OnTime)
{
    public double? Share => Decided == 0 ? null : (double)OnTime / Decided;
}

/// <summary>
/// Every number of the statistics page and the period report, summed from the <see cref="DailyCount"/>s kept with the
/// reports (<see cref="DailyCounts.StatisticsFigures"/>: every report, imported ones too, by the day it came in), never
/// by counting reports: a period is its whole months' rows and at most 62 days' rows, so a year costs the same at a
/// thousand reports and at ten million. Only the deadlines falling today are counted live, up to the instant.
/// </summary>
public sealed class StatisticsQueries(AduanDbContext db, AgencyDirectory agencies, TimeProvider time, StatisticsCache cache)
{
    /// <summary>The figures' counts over the period, by agency (0: none), figure and value.</summary>
    private Task<IReadOnlyList<Sum>> SumsAsync(Period p, DailyFigure[] figures, CancellationToken ct) =>
        SupervisionQueries.SumsAsync(db.DailyCounts.AsNoTracking().Where(c => figures.Contains(c.Figure)), p, ct);

    public Task<PeriodNumbers> PeriodAsync(Period p, CancellationToken ct) => cache.GetAsync("period", p, () => CountPeriodAsync(p, ct));

    private async Task<PeriodNumbers> CountPeriodAsync(Period p, CancellationToken ct)
    {
        var sums = await SumsAsync(p, [DailyFigure.AllReceived, DailyFigure.AllFollowedUp, DailyFigure.AllViaChannel, DailyFigure.AllFollowedVia], ct);
        var names = await agencies.GetAsync(ct);
        var categories = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.Code, c.Name }).ToDictionaryAsync(c => c.Id, ct);

        // Received and followed up by a key: per agency (or category) from the category figures, per channel from the channel's.
        List<(TKey Key, int Received, int FollowedUp)> By<TKey>(DailyFigure received, DailyFigure followedUp, Func<Sum, TKey> key) =>
            sums.Where(s => s.Figure == received || s.Figure == followedUp).GroupBy(key)
                .Select(g => (Key: g.Key, Received: g.Where(s => s.Figure == received).Sum(s => s.Count),
                    FollowedUp: g.Where(s => s.Figure == followedUp).Sum(s => s.Count)))
                .Where(g => g.Received > 0).ToList();
        var byAgency = By(DailyFigure.AllReceived, DailyFigure.AllFollowedUp, s => s.AgencyId);
        var byCategory = By(DailyFigure.AllReceived, DailyFigure.AllFollowedUp, s => (long)s.Value);
        var byChannel = By(DailyFigure.AllViaChannel, DailyFigure.AllFollowedVia, s => (Channel)s.Value);
        return new PeriodNumbers(p, byAgency.Sum(a => a.Received), byAgency.Sum(a => a.FollowedUp),
            byAgency.Where(a => a.Key == 0).Sum(a => a.Received),
            Ranked(byAgency.Where(a => names.ContainsKey(a.Key))
                .Select(a => new Count(names[a.Key].Code, names[a.Key].Name, a.Received, a.FollowedUp))),
            Ranked(byCategory.Select(c => categories.TryGetValue(c.Key, out var cat)
                ? new Count(cat.Code, cat.Name, c.Received, c.FollowedUp)
                : new Count("", "", c.Received, c.FollowedUp))),
            Ranked(byChannel.Select(c => new Count(c.Key.ToString(), c.Key.ToString(), c.Received, c.FollowedUp))));
    }

    /// <summary>Ranked by follow-ups, then by reports received, then by name: the order the press release reads.</summary>
    private static List<Count> Ranked(IEnumerable<Count> counts) =>
        counts.OrderByDescending(c => c.FollowedUp).ThenByDescending(c => c.Received).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();

    public Task<IReadOnlyDictionary<ComplaintStatus, int>> ByStatusAsync(Period p, CancellationToken ct) =>
        cache.GetAsync("status", p, async () => (IReadOnlyDictionary<ComplaintStatus, int>)(await SumsAsync(p, [DailyFigure.AllInState], ct))
            .GroupBy(s => (ComplaintStatus)s.Value).Select(g => (g.Key, Count: g.Sum(s => s.Count))).Where(g => g.Count > 0)
            .ToDictionary(g => g.Key, g => g.Count));

    /// <summary>Reports received per day (a period up to 62 days) or per month, whole months from their month's counts.</summary>
    public Task<IReadOnlyList<(Period Bucket, int Received)>> TimelineAsync(Period p, CancellationToken ct) =>
        cache.GetAsync("timeline", p, () => CountTimelineAsync(p, ct));

    private async Task<IReadOnlyList<(Period Bucket, int Received)>> CountTimelineAsync(Period p, CancellationToken ct)
    {
        var buckets = new List<Period>();
        for (var day = p.From; day <= p.To;)
        {
            var last = p.Days <= 62 ? day : new DateOnly(day.Year, day.Month, 1).AddMonths(1).AddDays(-1);
            buckets.Add(new Period(day, last < p.To ? last : p.To));
            day = last.AddDays(1);
        }

        // By day: the days' own counts. By month: a month wholly in the period has its month's count, the others their days'.
        var reads = p.Days <= 62 ? [(CountSpan.Day, p.From, p.To)] : SupervisionQueries.Buckets(p).ToList();
        var counts = new List<(DateOnly Day, int Count)>();
        foreach (var (span, from, to) in reads)
        {
            counts.AddRange((await db.DailyCounts.AsNoTracking()
                    .Where(c => c.Span == span && c.Figure == DailyFigure.AllInState && c.Day >= from && c.Day <= to)
                    .GroupBy(c => c.Day).Select(g => new { Day = g.Key, Count = g.Sum(c => c.Count) }).ToListAsync(ct))
                .Select(d => (d.Day, d.Count)));
        }

        return buckets.Select(b => (b, counts.Where(c => c.Day >= b.From && c.Day <= b.To).Sum(c => c.Count))).ToList();
    }

    /// <summary>
    /// Of the reports received in the period and dispatched to an agency with a resolution deadline:
    /// decided are those followed up (or resolved), or whose deadline has passed; on time are those
    /// followed up (or resolved) at or before the deadline. The deadlines still pending are counted by their
    /// day: the days before today's have passed; today's are counted live up to now (a day of deadlines, through their index).
    /// </summary>
    public Task<IReadOnlyList<DeadlineShare>> DeadlinesAsync(Period p, CancellationToken ct) =>
        cache.GetAsync("deadlines", p, () => CountDeadlinesAsync(p, ct));

    private async Task<IReadOnlyList<DeadlineShare>> CountDeadlinesAsync(Period p, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = Period.WibDate(now);
        var todayStart = new Period(today, today).Start;
        var sums = await SumsAsync(p, [DailyFigure.AllWithDeadline, DailyFigure.AllDone, DailyFigure.AllDoneOnTime, DailyFigure.AllPendingDueOn], ct);
        // Not done, written as one condition: "FollowedUpAt IS NULL" would lead SQLite to the partial index of the reports
        // awaiting a follow-up and through all of the period's (9 ms at a million reports) instead of today's deadlines (0.1 ms).
        var passedToday = await db.Complaints.AsNoTracking()
            .Where(c => c.ResolutionDueAt >= todayStart && c.ResolutionDueAt < now && c.LeadAgencyId != null
                && (c.FollowedUpAt ?? c.ResolvedAt) == null && c.SubmittedAt >= p.Start && c.SubmittedAt < p.End)
            .GroupBy(c => c.LeadAgencyId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var names = await agencies.GetAsync(ct);
        int Of(IEnumerable<Sum> agency, DailyFigure figure) => agency.Where(s => s.Figure == figure).Sum(s => s.Count);
        return sums.GroupBy(s => s.AgencyId).Where(a => names.ContainsKey(a.Key))
            .Select(a => new DeadlineShare(names[a.Key].Code, names[a.Key].Name, Of(a, DailyFigure.AllWithDeadline),
                Of(a, DailyFigure.AllDone) + a.Where(s => s.Figure == DailyFigure.AllPendingDueOn && s.Value < today.DayNumber).Sum(s => s.Count)
                    + passedToday.GetValueOrDefault(a.Key),
                Of(a, DailyFigure.AllDoneOnTime)))
            .Where(d => d.Dispatched > 0)
            .OrderByDescending(r => r.Share ?? -1).ThenByDescending(r => r.Decided).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
    }
}
