using System.ComponentModel.DataAnnotations;

namespace Aduan.Statistics;

/// <summary>Section <c>Aduan:Statistics</c>.</summary>
public sealed class StatisticsOptions
{
    public const string Section = "Aduan:Statistics";

    /// <summary>
    /// How long public statistics are served from memory before they are counted again (they change
    /// slowly; anyone may ask for them). Zero counts on every request.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Periods kept at most: asking for ever new periods cannot fill the memory.</summary>
    [Range(1, 100_000)]
    public int CacheEntries { get; set; } = 1_000;
}
