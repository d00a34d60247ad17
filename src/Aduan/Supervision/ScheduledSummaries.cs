using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aduan.Agencies;
using Aduan.Data;
using Aduan.Identity;
using Aduan.Infrastructure;
using Aduan.Notifications;
using Aduan.Outbox;
using Aduan.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Supervision;

public sealed record SummaryStatus(DueSummary Summary, int Recipients, int Queued, int Delivered, DateTimeOffset? QueuedAt);

/// <summary>
/// The weekly and monthly summaries (<see cref="SummarySchedule"/>): the city-wide one to the staff in
/// <see cref="SummaryOptions.CityWideRoles"/> and to <see cref="SummaryOptions.ExtraRecipients"/>, each
/// agency's own to its staff in <see cref="SummaryOptions.AgencyRoles"/>. One e-mail per period and
/// recipient, with the figures in the body and the workbook attached, queued through the outbox under a
/// key of kind, period and recipient: a restart or a second instance never sends a second one.
/// Staff who chose no notifications, disabled accounts and accounts without an address get none.
/// </summary>
public sealed class ScheduledSummaries(
    IServiceScopeFactory scopes, IOptions<SummaryOptions> options, TimeProvider time, ILogger<ScheduledSummaries> logger) : BackgroundService
{
    public const string LockName = "scheduled-summaries";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        await Repeating.EveryAsync(options.Value.CheckInterval, time, RunOnceAsync, logger, "Scheduled summaries", stoppingToken);
    }

    /// <summary>Queues the due summaries not queued yet; returns how many e-mails (null: another instance holds the lock).</summary>
    public async Task<int?> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var calendar = (await sp.GetRequiredService<SlaPolicyProvider>().GetAsync(ct)).Calendar;
        var due = SummarySchedule.Due(time.Now(), calendar, options.Value);
        if (due.Count == 0)
        {
            return 0;
        }

        await using var held = await sp.GetRequiredService<SingletonLock>().TryAcquireAsync(LockName, ct);
        if (held is null)
        {
            return null;
        }

        var queued = 0;
        foreach (var summary in due)
        {
            queued += await QueueAsync(sp, summary, suffix: "", ct);
        }

        return queued;
    }

    /// <summary>An admin's "send now": the latest complete period of the kind, to every recipient, even if it went out already.</summary>
    public async Task<int> SendNowAsync(SummaryKind kind, StaffMember admin, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var calendar = (await sp.GetRequiredService<SlaPolicyProvider>().GetAsync(ct)).Calendar;
        var now = time.Now(); // UTC: PostgreSQL takes no other offset
        var summary = SummarySchedule.Latest(kind, now, calendar, options.Value);
        sp.GetRequiredService<AuditTrail>().Record(admin.Name, admin.UserId, "summary.send-now", summary.Key);
        return await QueueAsync(sp, summary, suffix: "/now/" + now.ToUnixTimeMilliseconds(), ct);
    }

    private async Task<int> QueueAsync(IServiceProvider sp, DueSummary summary, string suffix, CancellationToken ct)
    {
        var db = sp.GetRequiredService<AduanDbContext>();
        var outbox = sp.GetRequiredService<OutboxWriter>();
        var content = sp.GetRequiredService<SummaryMail>();
        var agencies = await sp.GetRequiredService<AgencyDirectory>().GetAsync(ct);
        var now = time.Now(); // UTC: PostgreSQL takes no other offset
        var recipients = await RecipientsAsync(db, ct);
        var keys = recipients.Select(r => Key(summary, r.Id) + suffix).ToList();
        var sent = (await db.OutboxMessages.Where(m => keys.Contains(m.IdempotencyKey)).Select(m => m.IdempotencyKey).ToListAsync(ct)).ToHashSet();
        var queued = 0;
        foreach (var group in recipients.Where(r => !sent.Contains(Key(summary, r.Id) + suffix)).GroupBy(r => r.AgencyId))
        {
            SupervisionScope scope;
            if (group.Key is not { } agencyId)
            {
                scope = SupervisionScope.City;
            }
            else if (agencies.TryGetValue(agencyId, out var agency))
            {
                scope = SupervisionScope.Agency(agencyId, agency.Code);
            }
            else
            {
                continue; // an agency no longer listed: its head gets nothing rather than another scope's figures
            }

            var message = await content.BuildAsync(summary, scope, ct);
            foreach (var r in group)
            {
                outbox.Add(EmailSender.MessageType, Key(summary, r.Id) + suffix, null, JsonSerializer.Serialize(
                    new EmailPayload(r.Email, message.Subject, message.Text, [message.Workbook]), JsonSerializerOptions.Web), now);
                queued++;
            }
        }

        await db.SaveChangesAsync(ct);
        outbox.AfterSave();
        return queued;
    }

    /// <summary>Of a period's summary: how many recipients there are now, how many were queued their e-mail and how many delivered.</summary>
    public async Task<SummaryStatus> StatusAsync(DueSummary summary, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        var keys = (await RecipientsAsync(db, ct)).Select(r => Key(summary, r.Id)).ToList();
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => keys.Contains(m.IdempotencyKey))
            .Select(m => new { m.Status, m.CreatedAt }).ToListAsync(ct);
        return new SummaryStatus(summary, keys.Count, messages.Count, messages.Count(m => m.Status == OutboxStatus.Delivered),
            messages.Count == 0 ? null : messages.Min(m => m.CreatedAt));
    }

    /// <summary>One key per kind, period and recipient (a staff id, or a hash of an extra address: no address in a key).</summary>
    public static string Key(DueSummary summary, string recipientId) => $"summary/{summary.Key}/{recipientId}";

    /// <param name="AgencyId">The agency whose summary the recipient gets; null for the city-wide one.</param>
    private sealed record Recipient(string Id, string Email, long? AgencyId);

    private async Task<List<Recipient>> RecipientsAsync(AduanDbContext db, CancellationToken ct)
    {
        var o = options.Value;
        var roles = o.CityWideRoles.Concat(o.AgencyRoles).ToList();
        var staff = await (
            from u in db.Users.Notifiable()
            where u.Email != null
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where roles.Contains(r.Name!)
            select new { u.Id, u.Email, u.AgencyId, Role = r.Name }).AsNoTracking().ToListAsync(ct);
        var list = new List<Recipient>();
        foreach (var u in staff.OrderBy(u => u.Id, StringComparer.Ordinal))
        {
            // City-wide wins: a head who is also in a city-wide role gets the one summary with every agency in it.
            if (o.CityWideRoles.Contains(u.Role))
            {
                list.Add(new Recipient(u.Id, u.Email!, null));
            }
            else if (u.AgencyId is { } agency)
            {
                list.Add(new Recipient(u.Id, u.Email!, agency));
            }
        }

        list = list.GroupBy(r => r.Id).Select(g => g.OrderBy(r => r.AgencyId.HasValue).First()).ToList();
        foreach (var address in o.ExtraRecipients.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            list.Add(new Recipient("extra-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(address.ToLowerInvariant())))[..16], address, null));
        }

        return list;
    }
}
