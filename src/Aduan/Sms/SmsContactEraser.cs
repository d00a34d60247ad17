using Aduan.Complaints;
using Aduan.Data;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Sms;

/// <summary>
/// Subscriber: when a report's contact is erased (retention or a request), the SMS exchanged about it
/// go too, in the same transaction: they hold the number and the citizen's words.
/// </summary>
public sealed class SmsContactEraser(AduanDbContext db) : IComplaintSubscriber
{
    public async ValueTask OnChangedAsync(ComplaintChange change, CancellationToken ct)
    {
        if (change.Events.Any(e => e.Type == ComplaintEventType.ContactErased) && change.Complaint.Id != 0)
        {
            db.SmsMessages.RemoveRange(await db.SmsMessages.Where(m => m.ComplaintId == change.Complaint.Id).ToListAsync(ct));
        }
    }
}
