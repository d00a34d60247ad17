using Aduan.Complaints;
using Aduan.Data;
using Aduan.Identity;
using Aduan.Infrastructure;
using Aduan.Sla;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Escalations;

/// <summary>
/// A manager takes imported open reports over (<see cref="Complaint.TakeOver"/>): their clocks start
/// now and the ladder runs for them from then on. Each report is its own unit of work with its staff
/// event, so a report changed meanwhile is skipped and the rest go on; the batch is in the audit trail.
/// </summary>
public sealed class ImportTakeOver(AduanDbContext db, SlaPolicyProvider slaProvider, ComplaintChanges changes, AuditTrail audit,
    TimeProvider time)
{
    /// <summary>Reports taken over per request; the list says how many remain.</summary>
    public const int MaxPerRequest = 500;

    public static bool MayTakeOver(StaffMember staff) => staff.IsIn(Roles.Manager);

    /// <summary>Takes over those of <paramref name="codes"/> this manager sees that are imported and open; returns how many.</summary>
    public async Task<int> TakeOverAsync(StaffMember staff, IReadOnlyCollection<string> codes, CancellationToken ct)
    {
        if (!MayTakeOver(staff))
        {
            throw new UnauthorizedAccessException("Only a manager takes imported reports over.");
        }

        var wanted = codes.Take(MaxPerRequest).ToList();
        var ids = await db.Complaints.AsNoTracking().VisibleTo(staff)
            .Where(c => wanted.Contains(c.TrackingCode) && c.IsImported && c.TakenOverAt == null && c.ClosedAt == null)
            .Select(c => c.Id).ToListAsync(ct);
        var actor = new Actor(ActorKind.Staff, staff.UserId, staff.Name, staff.AgencyId);
        var sla = await slaProvider.GetAsync(ct);
        var taken = 0;
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            var complaint = await db.Complaints.Include(c => c.Category).Include(c => c.LeadAgency)
                .Include(c => c.Clocks.Where(k => k.StoppedAt == null)).SingleAsync(c => c.Id == id, ct);
            if (!complaint.CanBeTakenOver)
            {
                continue;
            }

            var now = time.Now();
            complaint.TakeOver(actor, now, sla);
            await changes.PublishAsync(complaint, now, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                changes.AfterSave();
                taken++;
            }
            catch (DbUpdateException)
            {
                // Changed by someone else just now; it stays as it was and can be taken over again.
            }
        }

        db.ChangeTracker.Clear();
        audit.Record(staff.Name, staff.UserId, "reports.takeover", $"{taken} reports", new { asked = wanted.Count, taken });
        await db.SaveChangesAsync(ct);
        return taken;
    }
}
