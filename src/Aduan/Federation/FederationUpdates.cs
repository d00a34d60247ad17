using System.Text.Json;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Open311;
using Aduan.Outbox;
using Aduan.Transparency;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Federation;

/// <summary>
/// Delivers <c>federation.update</c>: a public change of a report the hub sent here, posted to the
/// hub's <c>servicerequestupdates</c> with <c>update_id</c> = our tracking code and event number (the
/// same id our <c>GET servicerequestupdates</c> lists, so the hub's poll and this push are one update
/// to it). Texts are masked as on the public register.
/// </summary>
public sealed class FederationUpdates(AduanDbContext db, GeoReportClient client, IOptions<FederationOptions> options,
    ComplaintPresenter presenter) : IOutboxHandler
{
    public const string MessageType = "federation.update";

    public string Type => MessageType;

    public async Task<DeliveryResult> DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        var m = JsonSerializer.Deserialize<FederationUpdateMessage>(message.Payload, JsonSerializerOptions.Web)!;
        if (options.Value.Upstream is not { } hub)
        {
            return new DeliveryResult(DeliveryOutcome.Refused, "No upstream hub is configured.");
        }

        var row = await db.ComplaintEvents.AsNoTracking()
            .Where(e => e.Sequence == m.Sequence)
            .Join(db.Complaints.Where(c => c.TrackingCode == m.TrackingCode), e => e.ComplaintId, c => c.Id,
                (e, c) => new { c.ExternalId, c.Status, e.ToStatus, e.Text, e.At })
            .SingleOrDefaultAsync(ct);
        if (row?.ExternalId is null)
        {
            return new DeliveryResult(DeliveryOutcome.Refused, "The report or its event is gone, or it did not come from the hub.");
        }

        var status = row.ToStatus ?? row.Status;
        var posted = await client.PostUpdateAsync(hub,
        [
            new("service_request_id", row.ExternalId),
            new("update_id", Open311Mapping.UpdateId(m.TrackingCode, m.Sequence)),
            new("status", Open311Mapping.ExtendedStatus(status)),
            new("external_status_code", status.ToString()),
            new("updated_datetime", Open311Writer.Instant(row.At)),
            new("description", PersonalDataMask.Apply(row.Text) ?? presenter.StatusLabel(status)),
        ], ct);
        return posted.Ok ? DeliveryResult.Ok : new DeliveryResult(posted.Retry ? DeliveryOutcome.Retry : DeliveryOutcome.Refused, posted.Error);
    }
}
