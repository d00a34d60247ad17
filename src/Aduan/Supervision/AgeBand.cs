namespace Aduan.Supervision;

/// <summary>
/// How long an open report has waited since it came in, in whole days (24 hours each): the
/// dashboard's age bands and the staff list's <c>age</c> filter read the same bounds.
/// </summary>
public sealed record AgeBand(string Code, int MinDays, int? MaxDays)
{
    public static readonly IReadOnlyList<AgeBand> All =
    [
        new("0-3", 0, 3), new("4-7", 4, 7), new("8-14", 8, 14), new("15-30", 15, 30), new("31-60", 31, 60), new("61+", 61, null),
    ];

    public static AgeBand? Find(string? code) => All.FirstOrDefault(b => b.Code == code?.Trim());

    /// <summary>Reports submitted at or before this instant are at least <see cref="MinDays"/> old.</summary>
    public DateTimeOffset SubmittedUpTo(DateTimeOffset now) => now.AddDays(-MinDays);

    /// <summary>Reports submitted after this instant are at most <see cref="MaxDays"/> old; null: no upper bound.</summary>
    public DateTimeOffset? SubmittedAfter(DateTimeOffset now) => MaxDays is { } max ? now.AddDays(-(max + 1)) : null;
}
