using System.ComponentModel.DataAnnotations;
using Aduan.Categories;

namespace Aduan.Escalations;

/// <summary>The escalation ladder (DESIGN.md "Deadlines"); section <c>Aduan:Escalation</c>.</summary>
public sealed class EscalationOptions
{
    public const string Section = "Aduan:Escalation";

    /// <summary>Runs the sweep on this instance. Steps are planned on the clocks either way, so turning it on later catches up.</summary>
    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Steps handled per pass and query; the next pass takes the rest.</summary>
    [Range(1, 10_000)]
    public int Batch { get; set; } = 200;

    /// <summary>The reminder to the agency's officers, as a share of the clock (working time for working-day clocks); 1 sends none.</summary>
    [Range(0.05, 1.0)]
    public double ReminderShare { get; set; } = 0.8;

    /// <summary>Working days overdue before leadership hears of it; 0 sends nothing to leadership.</summary>
    [Range(0, 365)]
    public int LeadershipAfterWorkingDays { get; set; } = 5;

    /// <summary>Calendar days after a report came in (or was taken over) before an unresolved one is flagged for the Ombudsman.</summary>
    [Range(1, 3650)]
    public int OmbudsmanAfterDays { get; set; } = 60;

    /// <summary>Per category tier, e.g. <c>Tiers:FieldExamination:ReminderShare</c>; what a tier leaves out comes from above.</summary>
    public Dictionary<ServiceTier, TierLadder> Tiers { get; set; } = [];

    public double ReminderShareFor(ServiceTier tier) =>
        Tiers.TryGetValue(tier, out var t) && t.ReminderShare is { } share ? share : ReminderShare;

    public int LeadershipAfterWorkingDaysFor(ServiceTier tier) =>
        Tiers.TryGetValue(tier, out var t) && t.LeadershipAfterWorkingDays is { } days ? days : LeadershipAfterWorkingDays;

    public bool TiersAreValid() => Tiers.Values.All(t =>
        t.ReminderShare is null or (>= 0.05 and <= 1.0) && t.LeadershipAfterWorkingDays is null or (>= 0 and <= 365));
}

/// <summary>One category tier's own ladder numbers.</summary>
public sealed class TierLadder
{
    public double? ReminderShare { get; set; }
    public int? LeadershipAfterWorkingDays { get; set; }
}
