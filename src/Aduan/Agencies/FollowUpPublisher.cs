using System.Text.Json;
using Aduan.Complaints;
using Aduan.Outbox;
using Aduan.Transparency;

namespace Aduan.Agencies;

/// <summary>
/// Subscriber: queues each new public follow-up for the lead agency's website (delivered by
/// <see cref="AgencyWebhooks"/>). Confidential reports are never published; texts are masked as on
/// the public pages.
/// </summary>
public sealed class FollowUpPublisher(OutboxWriter outbox) : IComplaintSubscriber
{
    public ValueTask OnChangedAsync(ComplaintChange change, CancellationToken ct)
    {
        var complaint = change.Complaint;
        var agency = complaint.LeadAgency;
        if (agency?.WebhookUrl is null || complaint.Privacy == PrivacyMode.Confidential)
        {
            return ValueTask.CompletedTask;
        }

        foreach (var e in change.Events.Where(e => e is { Type: ComplaintEventType.FollowUp, Visibility: EventVisibility.Public }))
        {
            var final = e.ToStatus == ComplaintStatus.FollowedUp;
            var body = new FollowUpWebhook("follow-up", complaint.TrackingCode, new CodeName(agency.Code, agency.Name), final,
                PersonalDataMask.Apply(e.Text), complaint.Status.ToString(), e.At, $"/api/v1/complaints/{complaint.TrackingCode}");
            outbox.Add(AgencyWebhooks.MessageType, $"follow-up/{complaint.TrackingCode}/{e.Sequence}/{agency.Code}", agency.Id,
                JsonSerializer.Serialize(body, JsonSerializerOptions.Web), change.At);
        }

        return ValueTask.CompletedTask;
    }
}
