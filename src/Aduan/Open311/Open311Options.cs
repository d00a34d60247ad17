using System.ComponentModel.DataAnnotations;

namespace Aduan.Open311;

/// <summary>Section <c>Aduan:Open311</c>: the GeoReport v2 server at <c>/open311/v2/</c>.</summary>
public sealed class Open311Options
{
    public const string Section = "Aduan:Open311";

    /// <summary>The one jurisdiction this server answers for; a request naming another is refused (404), one naming none is accepted.</summary>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9._-]{1,100}$", ErrorMessage = "Aduan:Open311:JurisdictionId must be a domain-like name such as bekasikota.go.id")]
    public string JurisdictionId { get; set; } = "bekasikota.go.id";

    /// <summary>Requests per API key per minute (posts, and reads that name a key); more get 429.</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerKeyPerMinute { get; set; } = 120;

    /// <summary>Reports per page of <c>GET requests</c> when the client names no <c>page_size</c>.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 100;

    /// <summary>The largest <c>page_size</c> accepted (the spec's own cap is 1000).</summary>
    [Range(1, 1000)]
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>The window of <c>GET requests</c> and <c>servicerequestupdates</c> when no dates are given, and the widest allowed.</summary>
    [Range(1, 3650)]
    public int WindowDays { get; set; } = 90;

    /// <summary>The discovery document's contact line (who answers questions about the API).</summary>
    [MaxLength(300)]
    public string Contact { get; set; } = "Pengelola Aduan / Aduan administrators";

    /// <summary>The discovery document's <c>key_service</c>: how to ask for an API key.</summary>
    [MaxLength(300)]
    public string KeyService { get; set; } = "API keys are issued by the administrators (apikey create, or /admin/apikeys).";
}
