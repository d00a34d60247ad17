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

    /// <summary>Largest accepted JSON request body, in bytes.</summary>
    [Range(1024, 10_485_760)]
    public int MaxJsonBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Lifetime of a staff access token.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    public string DatabasePath => Path.Combine(DataDirectory, "aduan.db");
}
