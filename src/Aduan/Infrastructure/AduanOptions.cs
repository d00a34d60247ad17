using System.ComponentModel.DataAnnotations;

namespace Aduan.Infrastructure;

/// <summary>Section <c>Aduan</c>; every setting is documented in docs/configuration.md.</summary>
public sealed class AduanOptions
{
    public const string Section = "Aduan";

    /// <summary>Where the SQLite database and data-protection keys live.</summary>
    [Required]
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Apply pending migrations when the server starts.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Load the demo city's agencies, categories and holidays into an empty database.</summary>
    public bool SeedOnStart { get; set; } = true;

    /// <summary>Public report submissions per client address per minute.</summary>
    [Range(1, 1_000_000)]
    public int IntakePerMinute { get; set; } = 20;

    /// <summary>Sign-in attempts per client address per minute (on top of the account lockout after 5 failures).</summary>
    [Range(1, 1_000_000)]
    public int LoginPerMinute { get; set; } = 10;

    /// <summary>
    /// Expensive public reads (statistics, their downloads, open data, the map's points) per client
    /// address per minute. Generous: many citizens may share one carrier address.
    /// </summary>
    [Range(1, 1_000_000)]
    public int PublicReadsPerMinute { get; set; } = 60;

    /// <summary>Largest accepted JSON request body, in bytes.</summary>
    [Range(1024, 10_485_760)]
    public int MaxJsonBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Lifetime of a staff access token.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// How long a workspace sign-in lasts at most, however active the user is: the cookie slides while
    /// they work (10 hours idle), but after this a new sign-in (with the second factor) is needed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:15:00", "7.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Requests served at once by this instance; more wait in a short queue, then get 503.</summary>
    [Range(1, 100_000)]
    public int MaxConcurrentRequests { get; set; } = 512;

    [Range(0, 100_000)]
    public int MaxQueuedRequests { get; set; } = 1024;

    /// <summary>What a 503 tells the client to wait before trying again.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 2;

    /// <summary>How old the open-data files (CSV, JSON) may be before a request starts rebuilding them (served the old one meanwhile); zero rebuilds on every request, which waits.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan OpenDataMaxAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A request still running after this is cancelled and answered 504 (nothing is half-written: each change is one transaction).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The site's public address (scheme, host, optional port and path), for every absolute link it
    /// writes: feeds, open data, the widget snippet, the reporter's tracking link, the API document.
    /// Never taken from the request's Host header, which any client can set.
    /// </summary>
    [Required]
    [RegularExpression(@"^https?://[^/\s?#@]+(/[^\s?#]*)?$", ErrorMessage = "Aduan:PublicBaseUrl must be an http(s) address such as https://aduan.example.go.id")]
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary><see cref="PublicBaseUrl"/> without a trailing slash, to put paths after.</summary>
    public string PublicSite => PublicBaseUrl.TrimEnd('/');

    public string DatabasePath => Path.Combine(DataDirectory, "aduan.db");
}
