using Aduan.Data;
using Aduan.Outbox;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Sms;

/// <summary>One SMS about a report, for staff: which way, when, what, and (outgoing) whether it was delivered.</summary>
public sealed record SmsExchangeItem(SmsDirection Direction, DateTimeOffset At, string Text, OutboxStatus? Delivery, int Attempts);

/// <summary>
/// The SMS exchanged about a report, on the staff report page (shown where the page shows the
/// reporter's contact). Outgoing ones carry the outbox message's delivery status. Nothing when none.
/// </summary>
[ViewComponent(Name = "SmsExchange")]
public sealed class SmsExchangeViewComponent(AduanDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string trackingCode)
    {
        var ct = HttpContext.RequestAborted;
        var id = await db.Complaints.Where(c => c.TrackingCode == trackingCode).Select(c => (long?)c.Id).SingleOrDefaultAsync(ct);
        var messages = await db.SmsMessages.AsNoTracking().Where(m => m.ComplaintId == id).OrderBy(m => m.Id).Take(100).ToListAsync(ct);
        var keys = messages.Where(m => m.Direction == SmsDirection.Out).Select(m => m.ExternalId).ToList();
        var delivery = await db.OutboxMessages.AsNoTracking().Where(o => keys.Contains(o.IdempotencyKey))
            .ToDictionaryAsync(o => o.IdempotencyKey, o => (o.Status, o.Attempts), ct);
        return View(messages.Select(m => delivery.TryGetValue(m.ExternalId, out var d) && m.Direction == SmsDirection.Out
            ? new SmsExchangeItem(m.Direction, m.At, m.Text, d.Status, d.Attempts)
            : new SmsExchangeItem(m.Direction, m.At, m.Text, null, 0)).ToList());
    }
}
