using System.Text.Json;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Infrastructure;
using Aduan.Notifications;
using Aduan.Outbox;
using Aduan.Sms;
using Aduan.Transparency;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Following;

/// <summary>
/// Subscriber: tells a report's confirmed followers of the changes the public timeline shows (never a
/// staff-only or reporter-only event: no question, archive reason or note), queued in the change's
/// own transaction, one message per follower and event. Texts are masked as the public page masks
/// them, and withheld for a Confidential report (only its reporter can follow one). While a report
/// is not published (or no longer is), only a follower who followed with the reporter key hears of it.
/// Followers are read a page at a time; <see cref="FollowingOptions.MaxPerReport"/> bounds the whole.
/// </summary>
public sealed class FollowerNotifier(AduanDbContext db, Followers followers, OutboxWriter outbox, IOptions<AduanOptions> site)
    : IComplaintSubscriber
{
    private const int Page = 500;

    public async ValueTask OnChangedAsync(ComplaintChange change, CancellationToken ct)
    {
        var c = change.Complaint;
        var events = change.Events.Where(e => e.Visibility == EventVisibility.Public && e.ActorKind != ActorKind.Reporter && What(e) is not null).ToList();
        if (c.Id == 0 || events.Count == 0)
        {
            return; // a new report has no followers yet
        }

        // A merge takes the report off the register; its public followers still hear where it went.
        var published = c.Privacy != PrivacyMode.Confidential
            && (PublicRegister.PublishedStatuses.Contains(c.Status) || events.Any(e => e.Type == ComplaintEventType.Merged));
        var after = 0L;
        while (true)
        {
            var batch = await db.ReportFollowers.AsNoTracking()
                .Where(f => f.ComplaintId == c.Id && f.ConfirmedAt != null && (published || f.IsReporter) && f.Id > after)
                .OrderBy(f => f.Id).Take(Page).ToListAsync(ct);
            foreach (var f in batch)
            {
                var stop = followers.StopLink(await followers.TokenAsync(f, ct));
                foreach (var e in events)
                {
                    Queue(c, e, f, stop, published, change.At);
                }
            }

            if (batch.Count < Page)
            {
                return;
            }

            after = batch[^1].Id;
        }
    }

    /// <summary>One message per report, event and follower.</summary>
    public static string Key(string trackingCode, int sequence, long followerId) => $"follow/{trackingCode}/{sequence}/{followerId}";

    /// <summary>The template that says what happened; the same events the reporter hears of, less those only they may read.</summary>
    private static string? What(ComplaintEvent e) => e.Type switch
    {
        ComplaintEventType.Dispatched or ComplaintEventType.Forwarded or ComplaintEventType.FollowUp or ComplaintEventType.Resolved
            or ComplaintEventType.Reopened or ComplaintEventType.Referred or ComplaintEventType.Merged => "Follow.What." + e.Type,
        _ => null,
    };

    private void Queue(Complaint c, ComplaintEvent e, ReportFollower f, string stop, bool published, DateTimeOffset at)
    {
        var values = new Dictionary<string, string>
        {
            ["code"] = c.TrackingCode,
            ["link"] = $"{site.Value.PublicSite}/{(published ? "laporan" : "lacak")}/{c.TrackingCode}",
            ["agency"] = c.LeadAgency?.Name ?? "",
            ["primary"] = e is { Type: ComplaintEventType.Merged, Data: { } data }
                && JsonDocument.Parse(data).RootElement.TryGetProperty("primary", out var p) ? p.GetString() ?? "" : "",
            ["stop"] = stop,
        };
        values["what"] = NotificationTemplates.Render(What(e)!, f.Language, values);
        var text = c.Privacy == PrivacyMode.Confidential ? NotificationTemplates.Get("Withheld").In(f.Language)
            : PersonalDataMask.Apply(e.Text)?.Trim() ?? "";
        if (f.Channel == NotifyBy.Sms)
        {
            var sms = SmsFit.Fit(t => NotificationTemplates.Render("Follow.Update.Sms", f.Language,
                new Dictionary<string, string>(values) { ["text"] = t }), text);
            outbox.Add(SmsOutbox.MessageType, Key(c.TrackingCode, e.Sequence, f.Id), null,
                JsonSerializer.Serialize(new SmsPayload(f.Address, sms), JsonSerializerOptions.Web), at);
        }
        else
        {
            values["text"] = text;
            outbox.Add(EmailSender.MessageType, Key(c.TrackingCode, e.Sequence, f.Id), null, JsonSerializer.Serialize(new EmailPayload(f.Address,
                NotificationTemplates.Render("Follow.Update.Subject", f.Language, values),
                NotificationTemplates.Render("Follow.Update.Email", f.Language, values) + NotificationTemplates.Get("Footer").In(f.Language)),
                JsonSerializerOptions.Web), at);
        }
    }
}
