using Aduan.Sms;
using System.Text.Json;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Identity;
using Aduan.Infrastructure;
using Aduan.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Notifications;

/// <summary>
/// Subscriber: tells the lead agency's staff of new work. Officers and heads who chose "each event"
/// get an e-mail when a report is dispatched or forwarded to their agency (those on the daily digest
/// read it there, <see cref="DailyDigest"/>); the agency's URC hears of an urgent report at once, by
/// SMS when they gave a phone number, whatever their digest choice (unless they chose none). The
/// messages name the report, its category and kecamatan, never its text.
/// </summary>
public sealed class StaffNotifier(AduanDbContext db, OutboxWriter outbox, IOptions<AduanOptions> site) : IComplaintSubscriber
{
    public const string Language = "id";

    public async ValueTask OnChangedAsync(ComplaintChange change, CancellationToken ct)
    {
        var c = change.Complaint;
        if (c.LeadAgencyId is not { } agencyId || ComplaintStateMachine.IsClosed(c.Status))
        {
            return;
        }

        var assigned = change.Events.FirstOrDefault(e => e.Type is ComplaintEventType.Dispatched or ComplaintEventType.Forwarded);
        var urgent = c.Priority != Priority.Urgent ? null
            : assigned ?? change.Events.FirstOrDefault(e => e.Type == ComplaintEventType.Classified && MadeUrgent(e));
        if (assigned is null && urgent is null)
        {
            return;
        }

        var staff = await (
            from u in db.Users.Notifiable()
            where u.AgencyId == agencyId
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where r.Name == Roles.AgencyOfficer || r.Name == Roles.AgencyHead || r.Name == Roles.Urc
            select new { u.Id, u.Email, u.PhoneNumber, u.Notify, Role = r.Name }).AsNoTracking().ToListAsync(ct);

        var values = new Dictionary<string, string>
        {
            ["code"] = c.TrackingCode,
            ["agency"] = c.LeadAgency?.Name ?? "",
            ["category"] = c.Category?.Name ?? "-",
            ["place"] = c.Location.Kecamatan ?? "-",
            ["link"] = $"{site.Value.PublicSite}/staff/reports/{c.TrackingCode}",
        };
        var told = new HashSet<string>();
        if (urgent is not null)
        {
            foreach (var u in staff.Where(u => u.Role == Roles.Urc))
            {
                if (u.PhoneNumber is { Length: > 0 } phone)
                {
                    outbox.Add(ReporterNotifier.SmsType, Key(c, urgent, u.Id, ReporterNotifier.SmsType), null, JsonSerializer.Serialize(
                        new SmsPayload(phone, NotificationTemplates.Render("Staff.Urgent.Sms", Language, values)), JsonSerializerOptions.Web), change.At);
                    told.Add(u.Id);
                }
                else if (u.Email is { Length: > 0 } email)
                {
                    Mail(c, urgent, u.Id, email, "Staff.Urgent", values, change.At);
                    told.Add(u.Id);
                }
            }
        }

        if (assigned is not null)
        {
            var kind = c.Priority == Priority.Urgent ? "Staff.Urgent" : "Staff.Dispatched";
            foreach (var u in staff.Where(u => u.Role != Roles.Urc && u.Notify == StaffNotify.EachEvent && u.Email is { Length: > 0 })
                .DistinctBy(u => u.Id).Where(u => !told.Contains(u.Id)))
            {
                Mail(c, assigned, u.Id, u.Email!, kind, values, change.At);
            }
        }
    }

    private void Mail(Complaint c, ComplaintEvent e, string userId, string to, string kind, Dictionary<string, string> values, DateTimeOffset at) =>
        outbox.Add(EmailSender.MessageType, Key(c, e, userId, EmailSender.MessageType), null, JsonSerializer.Serialize(new EmailPayload(to,
            NotificationTemplates.Render(kind + ".Subject", Language, values),
            NotificationTemplates.Render(kind + ".Email", Language, values) + NotificationTemplates.Get("Footer").In(Language)),
            JsonSerializerOptions.Web), at);

    /// <summary>One message per report, event, user and channel.</summary>
    public static string Key(Complaint c, ComplaintEvent e, string userId, string medium) => $"staff/{c.TrackingCode}/{e.Sequence}/{userId}/{medium}";

    private static bool MadeUrgent(ComplaintEvent e) =>
        e.Data is { } data && JsonDocument.Parse(data).RootElement.TryGetProperty("priority", out var p) && p.GetString() == nameof(Priority.Urgent);
}
