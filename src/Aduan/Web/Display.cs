using System.Globalization;
using Aduan.Resources;
using Microsoft.Extensions.Localization;

namespace Aduan.Web;

/// <summary>How the workspace shows instants (Western Indonesian Time, as the city works) and deadlines.</summary>
public static class Display
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    public static string Time(DateTimeOffset at) =>
        at.ToOffset(Wib).ToString("d MMM yyyy HH:mm", CultureInfo.CurrentCulture) + " WIB";

    public static string Time(DateTimeOffset? at) => at is { } v ? Time(v) : "–";

    /// <summary>
    /// A deadline as people read it: one that falls at midnight is the end of the day before
    /// ("17 Des 2026, akhir hari", not "18 Des 2026 00:00", which reads as that morning).
    /// </summary>
    public static string Deadline(IStringLocalizer<SharedResource> t, DateTimeOffset due)
    {
        var local = due.ToOffset(Wib);
        return local.TimeOfDay == TimeSpan.Zero
            ? t["Due.EndOfDay", local.AddDays(-1).ToString("d MMM yyyy", CultureInfo.CurrentCulture)]
            : Time(due);
    }

    /// <summary>"in 2 d 3 h" or "3 h overdue", to the hour: what a queue needs at a glance.</summary>
    public static string Due(IStringLocalizer<SharedResource> t, DateTimeOffset due, DateTimeOffset now)
    {
        var left = due - now;
        var span = left.Duration();
        var text = span.TotalHours < 1 ? t["Due.Minutes", Math.Max(1, (int)span.TotalMinutes)]
            : span.TotalDays < 2 ? t["Due.Hours", (int)span.TotalHours]
            : t["Due.Days", (int)span.TotalDays, span.Hours];
        return left < TimeSpan.Zero ? t["Due.Overdue", text] : t["Due.Left", text];
    }

    /// <summary>The CSS class of a deadline: overdue, due within a day, or none.</summary>
    public static string DueClass(DateTimeOffset? due, DateTimeOffset now) =>
        due is not { } d ? "" : d < now ? "overdue" : d - now < TimeSpan.FromDays(1) ? "due-soon" : "";
}
