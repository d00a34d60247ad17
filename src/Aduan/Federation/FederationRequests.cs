using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Open311;
using Aduan.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Federation;

/// <summary>
/// Delivers <c>federation.request</c>: posts a report to a peer's <c>requests</c> and keeps the
/// peer's id and link on the report. Safe to repeat: our tracking code travels as
/// <c>attribute[external_id]</c> (the receiving Aduan answers a second post with the first report),
/// and a report that already holds the peer's id is not posted again.
/// </summary>
public sealed partial class FederationRequests(AduanDbContext db, GeoReportClient client, IOptions<FederationOptions> options) : IOutboxHandler
{
    public const string MessageType = "federation.request";

    /// <summary>The attribute that carries the sender's own id of a report.</summary>
    public const string ExternalIdAttribute = "external_id";

    public string Type => MessageType;

    public async Task<DeliveryResult> DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        var m = JsonSerializer.Deserialize<FederationRequestMessage>(message.Payload, JsonSerializerOptions.Web)!;
        if (PeerOf(options.Value, m.Peer) is not { } peer)
        {
            return new DeliveryResult(DeliveryOutcome.Refused, $"No federation peer named '{m.Peer}' is configured.");
        }

        var complaint = await db.Complaints.AsNoTracking().Include(c => c.Category).SingleOrDefaultAsync(c => c.TrackingCode == m.TrackingCode, ct);
        if (complaint is null)
        {
            return new DeliveryResult(DeliveryOutcome.Refused, "The report is gone.");
        }

        if (complaint.RemotePeer == m.Peer && complaint.RemoteId is not null)
        {
            return DeliveryResult.Ok;
        }

        var serviceCode = peer.ServiceCodeOf(complaint.Category?.Code);
        if (serviceCode.Length == 0)
        {
            return new DeliveryResult(DeliveryOutcome.Refused, "The report has no category and the peer no DefaultServiceCode.");
        }

        var posted = await client.PostRequestAsync(peer, Form(complaint, serviceCode), message.IdempotencyKey, ct);
        if (!posted.Ok)
        {
            return new DeliveryResult(posted.Retry ? DeliveryOutcome.Retry : DeliveryOutcome.Refused, posted.Error);
        }

        var (id, notice) = posted.Value;
        var url = notice is not null && LinkPattern().Match(notice) is { Success: true } link
            ? link.Value
            : new Uri(new Uri(peer.BaseUrl), $"requests/{Uri.EscapeDataString(id)}.json").AbsoluteUri;
        await db.Complaints.Where(c => c.Id == complaint.Id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.RemotePeer, m.Peer)
            .SetProperty(c => c.RemoteId, Clip(id, Complaint.MaxExternalIdLength))
            .SetProperty(c => c.RemoteUrl, Clip(url, 500)), CancellationToken.None);
        return DeliveryResult.Ok;
    }

    public static FederationPeer? PeerOf(FederationOptions o, string name) =>
        name == FederationOptionsValidator.UpstreamName ? o.Upstream : o.Members.FirstOrDefault(p => p.Name == name);

    /// <summary>
    /// The report as GeoReport v2 fields. The text goes as it is (the peer handles the report); the
    /// reporter's contact only when the reporter chose to be public and it was not erased.
    /// </summary>
    public static List<KeyValuePair<string, string>> Form(Complaint complaint, string serviceCode)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("service_code", serviceCode),
            new("description", complaint.Text),
            new($"attribute[{ExternalIdAttribute}]", complaint.TrackingCode),
            new($"attribute[{Open311Services.Kind}]", complaint.Kind.ToString()),
            new($"attribute[{Open311Services.Privacy}]", complaint.Privacy.ToString()),
        };
        if (complaint.Title is { } title)
        {
            form.Add(new($"attribute[{Open311Services.Title}]", title));
        }

        var place = complaint.Location;
        if (place.Latitude is { } lat && place.Longitude is { } lng)
        {
            form.Add(new("lat", lat.ToString("F6", CultureInfo.InvariantCulture)));
            form.Add(new("long", lng.ToString("F6", CultureInfo.InvariantCulture)));
        }

        var address = string.Join(", ", new[] { place.Address, place.Kecamatan }.Where(a => !string.IsNullOrWhiteSpace(a)));
        form.Add(new("address_string", address.Length > 0 ? address : "-"));
        if (complaint.Privacy == PrivacyMode.Public && complaint.ContactErasedAt is null)
        {
            AddIf(form, "first_name", complaint.Reporter.Name);
            AddIf(form, "phone", complaint.Reporter.Phone);
            AddIf(form, "email", complaint.Reporter.Email);
        }

        return form;
    }

    private static void AddIf(List<KeyValuePair<string, string>> form, string field, string? value)
    {
        if (value is not null)
        {
            form.Add(new(field, value));
        }
    }

    private static string Clip(string value, int max) => value.Length > max ? value[..max] : value;

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
