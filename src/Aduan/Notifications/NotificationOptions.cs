using System.ComponentModel.DataAnnotations;

namespace Aduan.Notifications;

/// <summary>Section <c>Aduan:Notifications</c>: the staff's daily digest.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Aduan:Notifications";

    /// <summary>Run the digest job in this instance (instances take turns through a lock; each user gets one a day).</summary>
    public bool DigestEnabled { get; set; } = true;

    /// <summary>From this time of day (in <c>Aduan:Sla:TimeZone</c>, WIB by default) the day's digests go out.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "23:59:59")]
    public TimeSpan DigestTime { get; set; } = TimeSpan.FromHours(7);

    /// <summary>How often the job looks whether digests are due.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan DigestCheckInterval { get; set; } = TimeSpan.FromMinutes(5);
}
