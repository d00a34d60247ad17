using System.ComponentModel.DataAnnotations;

namespace Aduan.Supervision;

/// <summary>Section <c>Aduan:Summaries</c>: the weekly and monthly summaries e-mailed to leadership and agency heads.</summary>
public sealed class SummaryOptions
{
    public const string Section = "Aduan:Summaries";

    /// <summary>Run the summary job in this instance (instances take turns through a lock; each recipient gets one per period).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The day the weekly summary goes out, for the seven days before it (Monday: last Monday to Sunday).</summary>
    public DayOfWeek WeeklyDay { get; set; } = DayOfWeek.Monday;

    /// <summary>From this time of day (in <c>Aduan:Sla:TimeZone</c>, WIB by default) the weekly summary goes out.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "23:59:59")]
    public TimeSpan WeeklyTime { get; set; } = TimeSpan.FromHours(7);

    /// <summary>From this time of the month's first working day the last month's summary goes out.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "23:59:59")]
    public TimeSpan MonthlyTime { get; set; } = TimeSpan.FromHours(7);

    /// <summary>Staff in these roles get the city-wide summary (all agencies).</summary>
    public string[] CityWideRoles { get; set; } = ["Leadership"];

    /// <summary>Staff in these roles get their own agency's summary.</summary>
    public string[] AgencyRoles { get; set; } = ["AgencyHead"];

    /// <summary>More addresses for the city-wide summary (say, the mayor's office), besides the staff accounts.</summary>
    public string[] ExtraRecipients { get; set; } = [];

    /// <summary>How often the job looks whether a summary is due.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(5);
}
