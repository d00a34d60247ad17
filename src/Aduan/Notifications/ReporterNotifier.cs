using Aduan.Sms;
using System.Text.Json;
using Aduan.Complaints;
using Aduan.Infrastructure;
using Aduan.Outbox;
using Aduan.Transparency;
using Microsoft.Extensions.Options;

namespace Aduan.Notifications;

/// <summary>The payload of an outbox message of type <c>sms</c> (sent by the SMS channel): one text to one E.164 number.</summary>
/// <summary>
/// Subscriber: tells the reporter of each change they should hear of, by the channel they chose
/// (<see cref="Complaint.NotifyBy"/>), in their language, queued in the change's own transaction.
/// Nothing for a report without a contact or whose contact was erased; a Confidential report's
/// messages carry no free text (question, follow-up, reason). A new SMS report is answered by the SMS
/// channel itself, so it gets no "received" message here.
/// </summary>
public sealed class ReporterNotifier(OutboxWriter outbox, IOptions<AduanOptions> site) : IComplaintSubscriber
{
    public const string SmsType = SmsOutbox.MessageType;

    public ValueTask OnChangedAsync(ComplaintChange change, CancellationToken ct)
    {
        var c = change.Complaint;
        var to = c.NotifyBy switch
        {
            NotifyBy.Sms => c.Reporter.Phone,
            NotifyBy.Email => c.Reporter.Email,
            _ => null,
        };
        if (to is null || c.ContactErasedAt is not null)
        {
            return ValueTask.CompletedTask;
        }

        foreach (var e in change.Events)
        {
            if (Template(c, e) is not { } name)
            {
                continue;
            }

            var values = Values(c, e, change.ReporterKey);
            var medium = c.NotifyBy == NotifyBy.Sms ? SmsType : EmailSender.MessageType;
            var payload = c.NotifyBy == NotifyBy.Sms
                ? JsonSerializer.Serialize(new SmsPayload(to, Sms(name, c.Language, values)), JsonSerializerOptions.Web)
                : JsonSerializer.Serialize(new EmailPayload(to, NotificationTemplates.Render(name + ".Subject", c.Language, values),
                    NotificationTemplates.Render(name + ".Email", c.Language, values) + NotificationTemplates.Get("Footer").In(c.Language)),
                    JsonSerializerOptions.Web);
            outbox.Add(medium, Key(c.TrackingCode, e.Sequence, medium), null, payload, change.At);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>One message per report, event and channel: a retried change or a second subscriber run queues nothing twice.</summary>
    public static string Key(string trackingCode, int sequence, string medium) => $"notify/{trackingCode}/{sequence}/{medium}";

    /// <summary>Which template tells the reporter of <paramref name="e"/>; null when they need not hear of it (or did it themselves).</summary>
    private static string? Template(Complaint c, ComplaintEvent e) => e.Type switch
    {
        ComplaintEventType.Submitted => c.Channel == Channel.Sms ? null : "Received",
        _ when e.ActorKind == ActorKind.Reporter || e.Visibility == EventVisibility.Staff => null,
        ComplaintEventType.Dispatched => "Dispatched",
        ComplaintEventType.Forwarded => "Forwarded",
        ComplaintEventType.Deferred => "Deferred",
        ComplaintEventType.FollowUp => "FollowUp",
        ComplaintEventType.Resolved => "Resolved",
        ComplaintEventType.Reopened => "Reopened",
        ComplaintEventType.Archived => "Archived",
        ComplaintEventType.Referred => "Referred",
        ComplaintEventType.Merged => "Merged",
        _ => null,
    };

    private Dictionary<string, string> Values(Complaint c, ComplaintEvent e, string? reporterKey)
    {
        var link = $"{site.Value.PublicSite}/lacak/{c.TrackingCode}";
        var values = new Dictionary<string, string>
        {
            ["code"] = c.TrackingCode,
            ["link"] = link,
            ["agency"] = c.LeadAgency?.Name ?? "",
            ["text"] = c.Privacy == PrivacyMode.Confidential
                ? NotificationTemplates.Get("Withheld").In(c.Language)
                : PersonalDataMask.Apply(e.Text)?.Trim() ?? "", // masked as the public reads staff texts: it leaves the system
            ["key"] = reporterKey ?? "",
            ["primary"] = Primary(e) ?? "",
        };
        return values;
    }

    private static string? Primary(ComplaintEvent e) =>
        e is { Type: ComplaintEventType.Merged, Data: { } data } && JsonDocument.Parse(data).RootElement.TryGetProperty("primary", out var p)
            ? p.GetString()
            : null;

    private static string Sms(string name, string language, Dictionary<string, string> values) =>
        SmsFit.Fit(text => NotificationTemplates.Render(name + ".Sms", language, new Dictionary<string, string>(values) { ["text"] = text }),
            values["text"]);
}
