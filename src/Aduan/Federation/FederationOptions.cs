using System.ComponentModel.DataAnnotations;

namespace Aduan.Federation;

/// <summary>
/// Section <c>Aduan:Federation</c>: the other Aduan (or Open311) instances this one exchanges reports
/// with. An <see cref="Upstream"/> hub receives the reports referred to it and the follow-ups of the
/// reports it dispatched here; each of the <see cref="Members"/> receives the reports dispatched to
/// its agencies or categories, and its follow-ups come back. Checked at start-up (<see cref="FederationOptionsValidator"/>).
/// </summary>
public sealed class FederationOptions
{
    public const string Section = "Aduan:Federation";

    /// <summary>The provincial or national hub; none: nothing goes up.</summary>
    public FederationPeer? Upstream { get; set; }

    public List<FederationMember> Members { get; set; } = [];

    /// <summary>Allow peers on loopback addresses (tests, or two instances on one machine); never private or link-local ones.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Host names or addresses of peers on the government's internal network, allowed although they are not public.</summary>
    [MaxLength(50)]
    public List<string> AllowedInternalHosts { get; set; } = [];

    /// <summary>Timeout of one call to a peer.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A peer's answer longer than this is refused unread.</summary>
    [Range(1_000, 50_000_000)]
    public int MaxResponseBytes { get; set; } = 2_000_000;

    /// <summary>Poll the members' <c>servicerequestupdates</c> in the background (pushes may fail; polling catches up).</summary>
    public bool PollEnabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far back each poll asks for updates; updates already applied are skipped, so overlap is harmless.</summary>
    [Range(typeof(TimeSpan), "00:10:00", "30.00:00:00")]
    public TimeSpan PollLookback { get; set; } = TimeSpan.FromDays(2);

    /// <summary>The legacy LAPOR! XML stream adapter (<see cref="LaporLegacy"/>); off unless enabled.</summary>
    public LaporStreamOptions Lapor { get; set; } = new();
}

/// <summary>Section <c>Aduan:Federation:Lapor</c>.</summary>
public sealed class LaporStreamOptions
{
    /// <summary>Answer <c>POST /api/v1/lapor/stream</c>; when off it answers 404.</summary>
    public bool Enabled { get; set; }

    /// <summary>The largest stream accepted in one post.</summary>
    [Range(1_000, 10_000_000)]
    public int MaxBytes { get; set; } = 1_000_000;

    /// <summary>The most reports (<c>&lt;laporan&gt;</c>) in one post.</summary>
    [Range(1, 1000)]
    public int MaxReports { get; set; } = 100;
}

/// <summary>Another instance as an Open311 client sees it.</summary>
public class FederationPeer
{
    /// <summary>Its GeoReport v2 base URL with the trailing slash, e.g. <c>https://lapor.jabarprov.go.id/open311/v2/</c>.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>Its <c>jurisdiction_id</c>, sent with every call.</summary>
    public string JurisdictionId { get; set; } = "";

    /// <summary>The API key it issued to this instance (its <c>apikey create NAME --federation</c>).</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Our category code to its <c>service_code</c>; a category not listed is sent with its own code.</summary>
    public Dictionary<string, string> ServiceCodes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The <c>service_code</c> of a report that has no category yet; none: such a report waits (dead-lettered) until classified.</summary>
    public string? DefaultServiceCode { get; set; }

    public string ServiceCodeOf(string? category) =>
        category is null ? DefaultServiceCode ?? "" : ServiceCodes.TryGetValue(category, out var theirs) ? theirs : category;
}

/// <summary>A member city: where the reports dispatched to its agencies or categories go.</summary>
public sealed class FederationMember : FederationPeer
{
    /// <summary>Lower case, unique; recorded on the reports dispatched to it.</summary>
    public string Name { get; set; } = "";

    /// <summary>Our agency codes whose dispatched reports go to this member (an agency entry standing for the whole city).</summary>
    public List<string> Agencies { get; set; } = [];

    /// <summary>Our category codes whose dispatched reports go to this member.</summary>
    public List<string> Categories { get; set; } = [];

    /// <summary>The name of our API key (created with <c>--federation</c>) this member posts its updates with; default: <see cref="Name"/>.</summary>
    public string? InboundKeyName { get; set; }

    public string KeyName => InboundKeyName ?? Name;
}
