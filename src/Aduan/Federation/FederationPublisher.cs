using System.Text.Json;
using Aduan.Complaints;
using Aduan.Outbox;
using Microsoft.Extensions.Options;

namespace Aduan.Federation;

/// <summary>What a <c>federation.request</c> message carries: which peer gets which report (read afresh at delivery).</summary>
public sealed record FederationRequestMessage(string Peer, string TrackingCode);

/// <summary>What a <c>federation.update</c> message carries: the event of a hub's report to push back up.</summary>
public sealed record FederationUpdateMessage(string TrackingCode, int Sequence);

/// <summary>
/// Subscriber: queues the exchanges a change calls for, in the change's own transaction.
/// <list type="bullet">
/// <item>Up: a report referred (<see cref="ComplaintStatus.Referred"/>) goes to the upstream hub, unless it came from the hub.</item>
/// <item>Down: a report dispatched (or forwarded) to an agency or category a member stands for goes to that member.</item>
/// <item>Back up: on a report the hub sent here, every public change of state and every public follow-up goes to the hub as an update.</item>
/// </list>
/// Keys carry the report and the event number, so a change is queued once and a report dispatched
/// twice is posted twice; the peer answers the second post with the first report (external id).
/// </summary>
public sealed class FederationPublisher(OutboxWriter outbox, IOptions<FederationOptions> options) : IComplaintSubscriber
{
    public ValueTask OnChangedAsync(ComplaintChange change, CancellationToken ct)
    {
        var o = options.Value;
        var complaint = change.Complaint;
        var fromHub = complaint.Channel == Channel.Hub && complaint.ExternalId is not null;
        foreach (var e in change.Events)
        {
            if (o.Upstream is not null && fromHub && e.Visibility == EventVisibility.Public
                && (e.ToStatus is not null || e.Type == ComplaintEventType.FollowUp))
            {
                outbox.Add(FederationUpdates.MessageType, $"federation/update/{complaint.TrackingCode}/{e.Sequence}", complaint.Id,
                    JsonSerializer.Serialize(new FederationUpdateMessage(complaint.TrackingCode, e.Sequence), JsonSerializerOptions.Web), change.At);
            }

            if (e.ToStatus == ComplaintStatus.Referred && o.Upstream is not null && !fromHub)
            {
                Request(FederationOptionsValidator.UpstreamName, complaint, e.Sequence, change.At);
            }

            if (e.ToStatus == ComplaintStatus.Dispatched && MemberFor(o, complaint) is { } member)
            {
                Request(member.Name, complaint, e.Sequence, change.At);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The member whose agencies include the lead agency, else whose categories include the report's.</summary>
    public static FederationMember? MemberFor(FederationOptions o, Complaint complaint) =>
        o.Members.FirstOrDefault(m => complaint.LeadAgency?.Code is { } a && m.Agencies.Contains(a, StringComparer.OrdinalIgnoreCase))
        ?? o.Members.FirstOrDefault(m => complaint.Category?.Code is { } c && m.Categories.Contains(c, StringComparer.OrdinalIgnoreCase));

    private void Request(string peer, Complaint complaint, int sequence, DateTimeOffset at) =>
        outbox.Add(FederationRequests.MessageType, $"federation/request/{peer}/{complaint.TrackingCode}/{sequence}", complaint.Id,
            JsonSerializer.Serialize(new FederationRequestMessage(peer, complaint.TrackingCode), JsonSerializerOptions.Web), at);
}
