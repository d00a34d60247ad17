using System.Text.Json;
using Aduan.Data;
using Aduan.Outbox;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Notifications;

/// <summary>One message the reporter was sent about a report: by what, when, what it said, and whether it arrived.</summary>
public sealed record SentNotification(string Medium, DateTimeOffset At, string Text, OutboxStatus Status, int Attempts);

/// <summary>
/// What the reporter was told about a report (SMS and e-mail), with each message's delivery status
/// from the outbox, on the staff report page where the reporter's contact is shown. Read by the
/// keys' prefix (<see cref="ReporterNotifier.Key"/>), which the outbox's unique index serves.
/// </summary>
[ViewComponent(Name = "SentNotifications")]
public sealed class SentNotificationsViewComponent(AduanDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string trackingCode)
    {
        var prefix = $"notify/{trackingCode}/";
        var messages = await db.OutboxMessages.AsNoTracking().Where(o => o.IdempotencyKey.StartsWith(prefix))
            .OrderBy(o => o.Id).Take(100).Select(o => new { o.Type, o.CreatedAt, o.Payload, o.Status, o.Attempts }).ToListAsync(HttpContext.RequestAborted);
        return View(messages.Select(m => new SentNotification(m.Type, m.CreatedAt, Text(m.Payload), m.Status, m.Attempts)).ToList());
    }

    /// <summary>An SMS's text, an e-mail's subject.</summary>
    private static string Text(string payload)
    {
        try
        {
            using var json = JsonDocument.Parse(payload);
            var root = json.RootElement;
            return (root.TryGetProperty("subject", out var subject) ? subject.GetString()
                : root.TryGetProperty("text", out var text) ? text.GetString() : null) ?? "";
        }
        catch (JsonException)
        {
            return "";
        }
    }
}
