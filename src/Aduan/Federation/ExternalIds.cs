using System.Data.Common;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Open311;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Federation;

/// <summary>
/// The sender's own id of a report posted through Open311 (<c>attribute[external_id]</c>), unique per
/// API key: the receiving half of the federation's idempotency. Intake stores the report first (with
/// an idempotency key derived from the external id, so a retry within a day replays it), then links
/// the id; a later retry finds the link.
/// </summary>
public sealed class ExternalIds(AduanDbContext db)
{
    /// <summary>The tracking code of the report this key sent with this external id, or null.</summary>
    public Task<string?> FindAsync(ApiKey key, string externalId, CancellationToken ct) =>
        db.Complaints.Where(c => c.ExternalSource == key.ActorId && c.ExternalId == externalId).Select(c => c.TrackingCode)
            .FirstOrDefaultAsync(ct);

    /// <summary>Links the stored report to its external id; when a concurrent post linked another report first, that one's code.</summary>
    public async Task<string> LinkAsync(Complaint complaint, ApiKey key, string externalId, CancellationToken ct)
    {
        try
        {
            await db.Complaints.Where(c => c.Id == complaint.Id && c.ExternalId == null).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.ExternalSource, key.ActorId)
                .SetProperty(c => c.ExternalId, externalId), ct);
        }
        catch (DbException)
        {
            // the unique (source, id) index: another post of the same report won; answer with it
        }

        return await FindAsync(key, externalId, ct) ?? complaint.TrackingCode;
    }
}
