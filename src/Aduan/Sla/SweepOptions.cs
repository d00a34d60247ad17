using System.ComponentModel.DataAnnotations;

namespace Aduan.Sla;

/// <summary>Section <c>Aduan:Sweep</c>.</summary>
public sealed class SweepOptions
{
    public const string Section = "Aduan:Sweep";

    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}
