using Aduan.Complaints;
using Aduan.Data;
using Aduan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Privacy;

/// <summary>
/// Erases reporters' contact details, one report per transaction (<see cref="Complaint.EraseContact"/>:
/// a staff-only event in the report's chain, so <c>audit verify</c> keeps passing), with the change
/// published to the subscribers like any other. A report changed concurrently is tried again.
/// </summary>
public sealed class ContactErasure(IServiceScopeFactory scopes, TimeProvider time)
{
    private const int Attempts = 3;

    /// <summary>Erases the contact of each report; returns the tracking codes whose contact was erased now.</summary>
    public async Task<IReadOnlyList<string>> EraseAsync(IEnumerable<long> complaintIds, Actor actor, ContactErasureReason reason,
        CancellationToken ct)
    {
        var erased = new List<string>();
        foreach (var id in complaintIds)
        {
            if (await EraseOneAsync(id, actor, reason, ct) is { } code)
            {
                erased.Add(code);
            }
        }

        return erased;
    }

    private async Task<string?> EraseOneAsync(long id, Actor actor, ContactErasureReason reason, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            // A scope per attempt: a fresh change tracker, so a retry reads the report anew.
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
            var changes = scope.ServiceProvider.GetRequiredService<ComplaintChanges>();
            var complaint = await db.Complaints.SingleOrDefaultAsync(c => c.Id == id, ct);
            var now = time.Now();
            if (complaint is null || !complaint.EraseContact(actor, now, reason))
            {
                if (complaint is not null && db.ChangeTracker.HasChanges())
                {
                    await db.SaveChangesAsync(ct); // nothing held: only marked as done, so the sweep moves on
                }

                return null;
            }

            await changes.PublishAsync(complaint, now, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                changes.AfterSave();
                return complaint.TrackingCode;
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // A staff member changed the report at the same moment: read it again and erase then.
            }
        }
    }
}
