using Aduan.Complaints;
using Aduan.Data;
using Aduan.Sla;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Supervision;

/// <summary>
/// Writes the per-report figures (<see cref="Complaint.FirstResponseAt"/>, the working days, the
/// reopen count) anew from each report's events, in batches by id: for reports written before the
/// figures were kept, and after the holiday calendar changed. <c>aduan supervision rebuild</c>.
/// </summary>
public sealed class FigureRebuild(AduanDbContext db, SlaPolicyProvider policies)
{
    public const int BatchSize = 500;

    /// <summary>How many reports were written.</summary>
    public async Task<int> RunAsync(Action<int>? progress, CancellationToken ct)
    {
        var calendar = (await policies.GetAsync(ct)).Calendar;
        var (after, written) = (0L, 0);
        while (true)
        {
            var batch = await db.Complaints.Where(c => c.Id > after && !c.IsImported).OrderBy(c => c.Id).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return written;
            }

            var ids = batch.Select(c => c.Id).ToList();
            var events = await db.ComplaintEvents.AsNoTracking()
                .Where(e => ids.Contains(e.ComplaintId) && (e.Type == ComplaintEventType.Acknowledged || e.Type == ComplaintEventType.FollowUp
                    || e.Type == ComplaintEventType.Reopened || e.Type == ComplaintEventType.ReporterRejected))
                .GroupBy(e => e.ComplaintId)
                .Select(g => new
                {
                    g.Key,
                    Response = g.Where(e => e.Type == ComplaintEventType.Acknowledged || e.Type == ComplaintEventType.FollowUp)
                        .Min(e => (DateTimeOffset?)e.At),
                    Reopens = g.Count(e => e.Type == ComplaintEventType.Reopened || e.Type == ComplaintEventType.ReporterRejected),
                }).ToDictionaryAsync(e => e.Key, ct);
            foreach (var c in batch)
            {
                var found = events.GetValueOrDefault(c.Id);
                c.RebuildFigures(found?.Response, found?.Reopens ?? 0, calendar);
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            written += batch.Count;
            after = ids[^1];
            progress?.Invoke(written);
        }
    }
}
