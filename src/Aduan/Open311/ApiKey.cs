namespace Aduan.Open311;

/// <summary>
/// A key an external system (FixMyStreet, a city CRM, a federated Aduan) sends as <c>api_key</c>.
/// Only its SHA-256 is stored; the key itself is shown once, when it is created.
/// </summary>
public sealed class ApiKey
{
    public const int MaxNameLength = 60;

    public long Id { get; set; }

    /// <summary>Lower case letters, digits, dot, dash and underscore, unique; recorded on what the key submits.</summary>
    public required string Name { get; set; }

    /// <summary>SHA-256 of the key, hex.</summary>
    public required string Hash { get; set; }

    /// <summary>The key's first characters, to tell keys apart in lists without revealing them.</summary>
    public required string Prefix { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }

    /// <summary>
    /// A key for another Aduan instance (a hub or a member city): what it posts arrives on channel
    /// Hub, deduplicated by its external id, and its updates may move the states of the reports it
    /// federates (see Federation/FederationInbox).
    /// </summary>
    public bool Federation { get; set; }

    public bool IsActive => RevokedAt is null;

    /// <summary>The actor id on events this key causes: reports it submitted and updates it posted are found by it.</summary>
    public string ActorId => "apikey:" + Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string ActorName => "Open311: " + Name;
}
