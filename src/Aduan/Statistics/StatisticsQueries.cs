using Aduan.Agencies;
using Aduan.Complaints;
using Aduan.Data;
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
/// Every number of the statistics page and the period report, aggregated in the database with
/// GROUP BY over the indexed columns (SubmittedAt first), never by loading reports: the same
/// queries answer for a thousand reports and for a million.
/// </summary>
public sealed class StatisticsQueries(AduanDbContext db, AgencyDirectory agencies, TimeProvider time, StatisticsCache cache)
{
    private IQueryable<Complaint> Received(Period p) =>
        db.Complaints.AsNoTracking().Where(c => c.SubmittedAt >= p.Start && c.SubmittedAt < p.End);

    public Task<PeriodNumbers> PeriodAsync(Period p, CancellationToken ct) => cache.GetAsync("period", p, () => CountPeriodAsync(p, ct));

    private async Task<PeriodNumbers> CountPeriodAsync(Period p, CancellationToken ct)
    {
        var received = Received(p);
        var byAgency = await received.GroupBy(c => c.LeadAgencyId)
            .Select(g => new { g.Key, Received = g.Count(), FollowedUp = g.Count(c => c.FollowedUpAt != null) }).ToListAsync(ct);
        var byCategory = await received.GroupBy(c => c.CategoryId)
            .Select(g => new { g.Key, Received = g.Count(), FollowedUp = g.Count(c => c.FollowedUpAt != null) }).ToListAsync(ct);
        var byChannel = await received.GroupBy(c => c.Channel)
            .Select(g => new { g.Key, Received = g.Count(), FollowedUp = g.Count(c => c.FollowedUpAt != null) }).ToListAsync(ct);
        var names = await agencies.GetAsync(ct);
        var categories = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.Code, c.Name }).ToDictionaryAsync(c => c.Id, ct);
        return new PeriodNumbers(p, byAgency.Sum(a => a.Received), byAgency.Sum(a => a.FollowedUp),
            byAgency.Where(a => a.Key is null).Sum(a => a.Received),
            Ranked(byAgency.Where(a => a.Key is { } id && names.ContainsKey(id))
                .Select(a => new Count(names[a.Key!.Value].Code, names[a.Key.Value].Name, a.Received, a.FollowedUp))),
            Ranked(byCategory.Select(c => c.Key is { } id && categories.TryGetValue(id, out var cat)
                ? new Count(cat.Code, cat.Name, c.Received, c.FollowedUp)
                : new Count("", "", c.Received, c.FollowedUp))),
            Ranked(byChannel.Select(c => new Count(c.Key.ToString(), c.Key.ToString(), c.Received, c.FollowedUp))));
    }

    /// <summary>Ranked by follow-ups, then by reports received, then by name: the order the press release reads.</summary>
    private static List<Count> Ranked(IEnumerable<Count> counts) =>
        counts.OrderByDescending(c => c.FollowedUp).ThenByDescending(c => c.Received).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();

    public Task<IReadOnlyDictionary<ComplaintStatus, int>> ByStatusAsync(Period p, CancellationToken ct) =>
        cache.GetAsync("status", p, async () => (IReadOnlyDictionary<ComplaintStatus, int>)await Received(p)
            .GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct));

    /// <summary>
    /// Reports received per day (a period up to 62 days) or per month: one indexed range count per
    /// bucket, which both databases answer alike whatever their date functions.
    /// </summary>
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

        var result = new List<(Period, int)>();
        foreach (var b in buckets)
        {
            result.Add((b, await Received(b).CountAsync(ct)));
        }

        return result;
    }

    /// <summary>
    /// Of the reports received in the period and dispatched to an agency with a resolution deadline:
    /// decided are those followed up (or resolved), or whose deadline has passed; on time are those
    /// followed up (or resolved) at or before the deadline.
    /// </summary>
    public Task<IReadOnlyList<DeadlineShare>> DeadlinesAsync(Period p, CancellationToken ct) =>
        cache.GetAsync("deadlines", p, () => CountDeadlinesAsync(p, ct));

    private async Task<IReadOnlyList<DeadlineShare>> CountDeadlinesAsync(Period p, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var rows = await Received(p).Where(c => c.LeadAgencyId != null && c.ResolutionDueAt != null)
            .GroupBy(c => c.LeadAgencyId)
            .Select(g => new
            {
                g.Key,
                Dispatched = g.Count(),
                Decided = g.Count(c => c.FollowedUpAt != null || c.ResolvedAt != null || c.ResolutionDueAt < now),
                OnTime = g.Count(c => (c.FollowedUpAt ?? c.ResolvedAt) <= c.ResolutionDueAt),
            }).ToListAsync(ct);
        var names = await agencies.GetAsync(ct);
        return rows.Where(r => names.ContainsKey(r.Key!.Value))
            .Select(r => new DeadlineShare(names[r.Key!.Value].Code, names[r.Key.Value].Name, r.Dispatched, r.Decided, r.OnTime))
            .OrderByDescending(r => r.Share ?? -1).ThenByDescending(r => r.Decided).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
    }
}
