using Aduan.Data;
using Aduan.Data.Postgres;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Supervision;

/// <summary>
/// Counts <see cref="DailyCount"/> anew from the reports: on a database that had reports before the counts were
/// kept (at start, see <see cref="IfMissingAsync"/>), after the per-report figures were rebuilt, or after a report
/// was changed outside the app. One transaction: the counts are replaced whole, and writers wait for it.
/// <c>aduan supervision rebuild</c>.
/// </summary>
public sealed class DailyCountRebuild(AduanDbContext db, SingletonLock singleton)
{
    public const int BatchSize = 5000;

    /// <summary>How many reports were counted.</summary>
    public async Task<int> RunAsync(Action<int>? progress, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        // Writers of reports add to the counts in their own transaction: held off from here to the commit, none of
        // their changes is both in the reports read below and added again on top.
        await TableLock.DailyCountsAsync(db, ct);
        await db.DailyCounts.ExecuteDeleteAsync(ct);

        var counts = new Dictionary<DailyCounts.Key, int>();
        var (after, read) = (0L, 0);
        while (true)
        {
            var batch = await db.Complaints.AsNoTracking().Where(c => c.Id > after).OrderBy(c => c.Id).Take(BatchSize)
                .Select(c => new
                {
                    c.Id,
                    Facts = new DailyCounts.Facts(c.IsImported, c.SubmittedAt, c.LeadAgencyId, c.FollowedUpAt, c.ResolutionDueAt,
                        c.ReopenCount, c.Rating, c.ResponseWorkingDays, c.FollowUpWorkingDays, c.Status, c.NextDueAt, c.Location.Kecamatan, c.OmbudsmanFlaggedAt,
                        c.CategoryId, c.Channel, c.ResolvedAt),
                }).ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var report in batch)
            {
                DailyCounts.Count(counts, report.Facts, 1);
            }

            (after, read) = (batch[^1].Id, read + batch.Count);
            progress?.Invoke(read);
        }

        await DailyCounts.ApplyAsync(db, counts.Where(c => c.Value != 0), ct);
        await transaction.CommitAsync(ct);
        if (db is PostgresAduanDbContext)
        {
            // The table was replaced whole: fresh statistics now, not when autovacuum next looks (the dashboard's plans read them).
            await db.Database.ExecuteSqlRawAsync("ANALYZE \"DailyCounts\"", ct);
        }

        return read;
    }

    /// <summary>At start: counts a database whose reports were never counted (reports, and not one count).</summary>
    public async Task<int?> IfMissingAsync(CancellationToken ct)
    {
        await using var held = await singleton.WaitAsync("daily-counts", ct);
        return !await db.DailyCounts.AnyAsync(ct) && await db.Complaints.AnyAsync(ct) ? await RunAsync(null, ct) : null;
    }
}
