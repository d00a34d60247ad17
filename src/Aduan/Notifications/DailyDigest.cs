using System.Globalization;
using System.Text;
using System.Text.Json;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Identity;
using Aduan.Infrastructure;
using Aduan.Outbox;
using Aduan.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Notifications;

/// <summary>
/// Once a day, from <see cref="NotificationOptions.DigestTime"/>, one e-mail to each agency user who chose
/// the daily digest: the reports assigned to their agency in the last 24 hours, and how many are open and
/// overdue (nothing on a day without new reports). Keyed by user and day, so a restart or a second instance never sends a second one.
/// </summary>
public sealed class DailyDigest(
    IServiceScopeFactory scopes, IOptions<NotificationOptions> options, IOptions<SlaOptions> sla, TimeProvider time, ILogger<DailyDigest> logger)
    : BackgroundService
{
    public const string LockName = "daily-digest";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DigestEnabled)
        {
            return;
        }

        await Repeating.EveryAsync(options.Value.DigestCheckInterval, time, RunOnceAsync, logger, "Daily digest", stoppingToken);
    }

    /// <summary>Queues the day's digests not queued yet, if it is time; returns how many (null: another instance holds the lock).</summary>
    public async Task<int?> RunOnceAsync(CancellationToken ct)
    {
        var now = time.Now();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(sla.Value.TimeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        if (local.TimeOfDay < options.Value.DigestTime)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        await using var held = await sp.GetRequiredService<SingletonLock>().TryAcquireAsync(LockName, ct);
        if (held is null)
        {
            return null;
        }

        var db = sp.GetRequiredService<AduanDbContext>();
        var outbox = sp.GetRequiredService<OutboxWriter>();
        var site = sp.GetRequiredService<IOptions<AduanOptions>>().Value.PublicSite;
        var day = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var users = await db.Users.AsNoTracking().Notifiable()
            .Where(u => u.Notify == StaffNotify.DailyDigest && u.AgencyId != null && u.Email != null)
            .Select(u => new { u.Id, u.Email, AgencyId = u.AgencyId!.Value, Agency = u.Agency!.Name }).ToListAsync(ct);
        var keys = users.Select(u => Key(u.Id, day)).ToList();
        var sent = await db.OutboxMessages.Where(m => keys.Contains(m.IdempotencyKey)).Select(m => m.IdempotencyKey).ToListAsync(ct);
        var since = now.AddDays(-1);
        var queued = 0;
        foreach (var agency in users.Where(u => !sent.Contains(Key(u.Id, day))).GroupBy(u => (u.AgencyId, u.Agency)))
        {
            var (text, count, open, overdue) = await SummaryAsync(db, agency.Key.AgencyId, since, now, ct);
            if (count == 0)
            {
                continue; // a quiet day is no news
            }

            var values = new Dictionary<string, string>
            {
                ["agency"] = agency.Key.Agency, ["text"] = text, ["count"] = Str(count), ["open"] = Str(open), ["overdue"] = Str(overdue),
                ["link"] = $"{site}/staff/queue",
            };
            foreach (var u in agency)
            {
                outbox.Add(EmailSender.MessageType, Key(u.Id, day), null, JsonSerializer.Serialize(new EmailPayload(u.Email!,
                    NotificationTemplates.Render("Staff.Digest.Subject", StaffNotifier.Language, values),
                    NotificationTemplates.Render("Staff.Digest.Email", StaffNotifier.Language, values)
                        + NotificationTemplates.Get("Footer").In(StaffNotifier.Language)), JsonSerializerOptions.Web), now);
                queued++;
            }
        }

        await db.SaveChangesAsync(ct);
        outbox.AfterSave();
        return queued;
    }

    public static string Key(string userId, string day) => $"digest/{userId}/{day}";

    private static string Str(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static async Task<(string Text, int Count, int Open, int Overdue)> SummaryAsync(
        AduanDbContext db, long agencyId, DateTimeOffset since, DateTimeOffset now, CancellationToken ct)
    {
        var mine = db.Complaints.AsNoTracking().Where(c => c.LeadAgencyId == agencyId);
        var assigned = await mine
            .Where(c => db.ComplaintEvents.Any(e => e.ComplaintId == c.Id && e.At >= since
                && (e.Type == ComplaintEventType.Dispatched || e.Type == ComplaintEventType.Forwarded)))
            .OrderBy(c => c.Id).Select(c => new { c.TrackingCode, Category = c.Category!.Name, c.Location.Kecamatan, c.Priority })
            .ToListAsync(ct);
        var open = mine.Where(c => c.Status == ComplaintStatus.Dispatched || c.Status == ComplaintStatus.InProgress);
        var text = new StringBuilder();
        foreach (var c in assigned)
        {
            text.Append("- ").Append(c.TrackingCode).Append(" · ").Append(c.Category ?? "-").Append(" · ").Append(c.Kecamatan ?? "-")
                .Append(c.Priority == Priority.Urgent ? " · URGENT" : "").Append('\n');
        }

        return (text.ToString().TrimEnd(), assigned.Count, await open.CountAsync(ct),
            await open.CountAsync(c => c.NextDueAt < now, ct));
    }
}
