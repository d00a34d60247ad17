using System.Globalization;
using System.Text.Json;
using Aduan.Agencies;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Identity;
using Aduan.Infrastructure;
using Aduan.Notifications;
using Aduan.Outbox;
using Aduan.Sla;
using Aduan.Sms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Escalations;

/// <summary>
/// Who hears of a step, and the messages, queued in the step's own unit of work. Reminder: the
/// clock's agency's officers (the managers for the verification clock, which has no agency yet);
/// missed: the agency head and the managers; leadership: the <c>Leadership</c> users; Ombudsman:
/// leadership, the managers and the lead agency's head. E-mail to each who has an address, and an
/// SMS too to those who chose it on "Akun saya"; nothing to a disabled account or one that chose
/// no notifications. The texts name the report, never its words or its reporter.
/// </summary>
public sealed class EscalationNotifier(AduanDbContext db, OutboxWriter outbox, AgencyDirectory agencies, IOptions<AduanOptions> site)
{
    private const string Language = StaffNotifier.Language;
    private static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");

    public async Task QueueAsync(Complaint c, SlaClock? clock, EscalationStep step, SlaPolicy sla, DateTimeOffset now, CancellationToken ct)
    {
        var agencyId = clock is null ? c.LeadAgencyId : clock.AgencyId;
        var (cityWide, ofAgency) = step switch
        {
            EscalationStep.Reminder when agencyId is null => (new[] { Roles.Manager }, Array.Empty<string>()),
            EscalationStep.Reminder => ([], [Roles.AgencyOfficer]),
            EscalationStep.Missed => ([Roles.Manager], [Roles.AgencyHead]),
            EscalationStep.Leadership => ([Roles.Leadership], []),
            _ => ([Roles.Leadership, Roles.Manager], new[] { Roles.AgencyHead }),
        };
        if (agencyId is null)
        {
            ofAgency = []; // before dispatch no agency's staff are concerned
        }

        var people = await (
            from u in db.Users.Notifiable()
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where cityWide.Contains(r.Name!) || (ofAgency.Contains(r.Name!) && u.AgencyId == agencyId)
            select new { u.Id, u.Email, u.PhoneNumber, u.EscalationSms }).AsNoTracking().ToListAsync(ct);

        var byId = await agencies.GetAsync(ct);
        var values = new Dictionary<string, string>
        {
            ["code"] = c.TrackingCode,
            ["agency"] = agencyId is { } id && byId.TryGetValue(id, out var a) ? a.Name : "-",
            ["category"] = c.Category?.Name ?? "-",
            ["place"] = c.Location.Kecamatan ?? "-",
            ["clock"] = clock is null ? "" : NotificationTemplates.Get("Escalation.Clock." + clock.Kind).In(Language),
            ["due"] = clock is null ? "" : Wib(clock.DueAt),
            ["days"] = (step == EscalationStep.Ombudsman ? sla.Ladder.Options.OmbudsmanAfterDays
                : sla.Ladder.Options.LeadershipAfterWorkingDaysFor(c.Category?.Tier ?? Categories.ServiceTier.Normative)).ToString(CultureInfo.InvariantCulture),
            ["submitted"] = Wib(c.SubmittedAt),
            ["link"] = $"{site.Value.PublicSite}/staff/reports/{c.TrackingCode}",
        };
        var kind = "Escalation." + step;
        var scope = $"escalation/{c.TrackingCode}/{clock?.Id.ToString(CultureInfo.InvariantCulture) ?? "report"}/{step}";
        foreach (var u in people.DistinctBy(u => u.Id))
        {
            if (u.Email is { Length: > 0 } email)
            {
                outbox.Add(EmailSender.MessageType, $"{scope}/{u.Id}/{EmailSender.MessageType}", null, JsonSerializer.Serialize(new EmailPayload(email,
                    NotificationTemplates.Render(kind + ".Subject", Language, values),
                    NotificationTemplates.Render(kind + ".Email", Language, values) + NotificationTemplates.Get("Footer").In(Language)),
                    JsonSerializerOptions.Web), now);
            }

            if (u.EscalationSms && u.PhoneNumber is { Length: > 0 } phone)
            {
                outbox.Add(SmsOutbox.MessageType, $"{scope}/{u.Id}/{SmsOutbox.MessageType}", null, JsonSerializer.Serialize(
                    new SmsPayload(phone, NotificationTemplates.Render(kind + ".Sms", Language, values)), JsonSerializerOptions.Web), now);
            }
        }
    }

    /// <summary>An instant in WIB as staff read it; a deadline at midnight is the end of the day before.</summary>
    public static string Wib(DateTimeOffset at)
    {
        var local = at.ToOffset(TimeSpan.FromHours(7));
        return local.TimeOfDay == TimeSpan.Zero
            ? local.AddDays(-1).ToString("d MMM yyyy", Indonesian) + ", akhir hari"
            : local.ToString("d MMM yyyy HH:mm", Indonesian) + " WIB";
    }
}
