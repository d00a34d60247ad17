using System.Globalization;
using System.Text.Json;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Outbox;
using Microsoft.EntityFrameworkCore;
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
public sealed class FederationPublisher(OutboxWriter outbox, IOptions<FederationOptions> options, AduanDbContext db) : IComplaintSubscriber
{
    public async ValueTask OnChangedAsync(ComplaintChange change, CancellationToken ct)
    {
        var o = options.Value;
        var complaint = change.Complaint;
        var fromHub = await FromUpstreamAsync(complaint, o, ct);
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
    }

    /// <summary>
    /// Whether the report came down from the hub: posted by a federation key (channel Hub, with an
    /// external id) that is not one of our members' keys (a hub that is itself a member has both).
    /// </summary>
    private async ValueTask<bool> FromUpstreamAsync(Complaint complaint, FederationOptions o, CancellationToken ct)
    {
        if (o.Upstream is null || complaint.Channel != Channel.Hub || complaint.ExternalSource is not { } source)
        {
            return false;
        }

        if (o.Members.Count == 0)
        {
            return true;
        }

        var id = long.TryParse(source.AsSpan(source.IndexOf(':', StringComparison.Ordinal) + 1), NumberStyles.None, CultureInfo.InvariantCulture,
            out var n) ? n : -1;
        var name = await db.ApiKeys.Where(k => k.Id == id).Select(k => k.Name).FirstOrDefaultAsync(ct);
        return !o.Members.Any(m => m.KeyName == name);
    }

    /// <summary>The member whose agencies include the lead agency, else whose categories include the report's.</summary>
    public static FederationMember? MemberFor(FederationOptions o, Complaint complaint) =>
        o.Members.FirstOrDefault(m => complaint.LeadAgency?.Code is { } a && m.Agencies.Contains(a, StringComparer.OrdinalIgnoreCase))
        ?? o.Members.FirstOrDefault(m => complaint.Category?.Code is { } c && m.Categories.Contains(c, StringComparer.OrdinalIgnoreCase));

    private void Request(string peer, Complaint complaint, int sequence, DateTimeOffset at) =>
        outbox.Add(FederationRequests.MessageType, $"federation/request/{peer}/{complaint.TrackingCode}/{sequence}", complaint.Id,
            JsonSerializer.Serialize(new FederationRequestMessage(peer, complaint.TrackingCode), JsonSerializerOptions.Web), at);
}
