using System.ComponentModel.DataAnnotations;

namespace Aduan.Privacy;

/// <summary>Section <c>Aduan:Privacy</c>: how long the reporter's contact details are kept (UU No. 27/2022).</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Aduan:Privacy";

    /// <summary>How long after a report is closed its reporter's name, phone and e-mail are kept; then the sweep erases them.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan ContactRetention { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How often the retention sweep looks for contact details past their time (when <c>Aduan:Sweep:Enabled</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}
