namespace Aduan.Complaints;

/// <summary>
/// Where a report came from and where its copy lives when instances federate over Open311 (see
/// Federation/). Set by the federation adapters, outside the event chain: they record links to
/// other systems, not changes of the report.
/// </summary>
public sealed partial class Complaint
{
    public const int MaxExternalIdLength = 64;

    /// <summary>The API key (its actor id, <c>apikey:N</c>) that submitted the report with an external id; unique with <see cref="ExternalId"/>.</summary>
    public string? ExternalSource { get; private set; }

    /// <summary>The sender's own id of the report (the hub's or the city's tracking code), so a resent post finds this report.</summary>
    public string? ExternalId { get; private set; }

    /// <summary>The other instance that holds a copy: <c>upstream</c> for the hub a report was referred to, or a member's name.</summary>
    public string? RemotePeer { get; private set; }

    /// <summary>The copy's <c>service_request_id</c> on <see cref="RemotePeer"/>.</summary>
    public string? RemoteId { get; private set; }

    /// <summary>Where a citizen can follow the copy (the service notice's link, else the request's Open311 URL).</summary>
    public string? RemoteUrl { get; private set; }
}
