using System.Globalization;
using System.Text;
using Aduan.Complaints;
using Aduan.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Aduan.Supervision;

/// <summary>
/// Keeps <see cref="DailyCount"/> true to the reports. A report counts towards a few figures on a few days
/// (<see cref="Items"/>, a function of its row alone); when a report is written, its counts before are taken
/// away and its counts after are added, in the same transaction (<see cref="AduanDbContext"/>'s SaveChanges).
/// Nothing here knows which command changed the report, so no command can forget to count.
/// </summary>
public static class DailyCounts
{
    public readonly record struct Key(CountSpan Span, DateOnly Day, long AgencyId, DailyFigure Figure, int Value);

    /// <summary>The day of the figures that are not about a day (the open reports now): their one row.</summary>
    public static readonly DateOnly Always = DateOnly.MinValue;

    /// <summary>The columns of a report the counts are made of.</summary>
    public readonly record struct Facts(bool IsImported, DateTimeOffset SubmittedAt, long? LeadAgencyId, DateTimeOffset? FollowedUpAt,
        DateTimeOffset? ResolutionDueAt, int ReopenCount, int? Rating, int? ResponseWorkingDays, int? FollowUpWorkingDays,
        ComplaintStatus Status, DateTimeOffset? NextDueAt, string? Kecamatan, DateTimeOffset? OmbudsmanFlaggedAt,
        long? CategoryId, Channel Channel, DateTimeOffset? ResolvedAt)
    {
        internal static Facts From(EntityEntry<Complaint> entry, bool original)
        {
            var v = original ? entry.OriginalValues : entry.CurrentValues;
            var kecamatan = entry.ComplexProperty(c => c.Location).Property(l => l.Kecamatan);
            return new(
                v.GetValue<bool>(nameof(Complaint.IsImported)), v.GetValue<DateTimeOffset>(nameof(Complaint.SubmittedAt)),
                v.GetValue<long?>(nameof(Complaint.LeadAgencyId)), v.GetValue<DateTimeOffset?>(nameof(Complaint.FollowedUpAt)),
                v.GetValue<DateTimeOffset?>(nameof(Complaint.ResolutionDueAt)), v.GetValue<int>(nameof(Complaint.ReopenCount)),
                v.GetValue<int?>(nameof(Complaint.Rating)), v.GetValue<int?>(nameof(Complaint.ResponseWorkingDays)),
                v.GetValue<int?>(nameof(Complaint.FollowUpWorkingDays)), v.GetValue<ComplaintStatus>(nameof(Complaint.Status)),
                v.GetValue<DateTimeOffset?>(nameof(Complaint.NextDueAt)), original ? kecamatan.OriginalValue : kecamatan.CurrentValue,
                v.GetValue<DateTimeOffset?>(nameof(Complaint.OmbudsmanFlaggedAt)), v.GetValue<long?>(nameof(Complaint.CategoryId)),
                v.GetValue<Channel>(nameof(Complaint.Channel)), v.GetValue<DateTimeOffset?>(nameof(Complaint.ResolvedAt)));
        }
    }

    /// <summary>A kecamatan's name as a count's value: a stable hash (FNV-1a) of the name in capitals, 0 for none.</summary>
    public static int KecamatanKey(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return 0;
        }

        var hash = 2166136261u;
        foreach (var ch in name.Trim().ToUpperInvariant())
        {
            hash = (hash ^ ch) * 16777619u;
        }

        return hash == 0 ? 1 : unchecked((int)hash);
    }

    /// <summary>What one report counts towards: a figure, the WIB day it is counted on, and a value for the histograms.</summary>
    public static IEnumerable<(DailyFigure Figure, DateOnly Day, int Value)> Items(Facts r)
    {
        var submitted = Period.WibDate(r.SubmittedAt);
        foreach (var item in StatisticsItems(r, submitted))
        {
            yield return item;
        }

        var open = !ComplaintStateMachine.IsClosed(r.Status);
        if (r.IsImported)
        {
            yield return (DailyFigure.Imported, submitted, 0);
            if (open)
            {
                yield return (DailyFigure.ImportedOpen, Always, 0);
            }

            yield break;
        }

        yield return (DailyFigure.Received, submitted, 0);
        if (r.OmbudsmanFlaggedAt is not null)
        {
            yield return (DailyFigure.Flagged, Always, 0);
        }

        if (open)
        {
            yield return (DailyFigure.OpenInState, Always, (int)r.Status);
            yield return (DailyFigure.OpenInKecamatan, Always, KecamatanKey(r.Kecamatan));
            yield return (DailyFigure.OpenSubmittedOn, submitted, 0);
            if (r.NextDueAt is { } next)
            {
                yield return (DailyFigure.OpenDueOn, Period.WibDate(next), 0);
            }
        }

        if (r.FollowedUpAt is { } followed)
        {
            yield return (DailyFigure.FollowedUp, submitted, 0);
            yield return (DailyFigure.FollowedUpOn, Period.WibDate(followed), 0);
            if (r.ResolutionDueAt is { } due)
            {
                yield return (followed <= due ? DailyFigure.OnTime : DailyFigure.FollowedLate, submitted, 0);
            }

            if (r.ReopenCount > 0)
            {
                yield return (DailyFigure.Reopened, submitted, 0);
            }

            if (r.FollowUpWorkingDays is { } days)
            {
                yield return (DailyFigure.FollowUpDays, submitted, days);
            }
        }

        if (r.ResolutionDueAt is { } deadline)
        {
            yield return (DailyFigure.DueOn, Period.WibDate(deadline), 0);
            if (r.FollowedUpAt <= deadline)
            {
                yield return (DailyFigure.MetOn, Period.WibDate(deadline), 0);
            }
        }

        if (r.Rating is { } rating)
        {
            yield return (DailyFigure.Rating, submitted, rating);
        }

        if (r.ResponseWorkingDays is { } response)
        {
            yield return (DailyFigure.ResponseDays, submitted, response);
        }
    }

    /// <summary>The figures of <see cref="StatisticsItems"/>: the public statistics read them, the dashboard's sums leave them out.</summary>
    public static readonly DailyFigure[] StatisticsFigures =
    [
        DailyFigure.AllReceived, DailyFigure.AllFollowedUp, DailyFigure.AllViaChannel, DailyFigure.AllFollowedVia, DailyFigure.AllInState,
        DailyFigure.AllWithDeadline, DailyFigure.AllDone, DailyFigure.AllDoneOnTime, DailyFigure.AllPendingDueOn,
    ];

    /// <summary>The public statistics' figures, which every report counts towards (imported ones too), on the day it came in.</summary>
    private static IEnumerable<(DailyFigure Figure, DateOnly Day, int Value)> StatisticsItems(Facts r, DateOnly submitted)
    {
        var category = r.CategoryId is { } id ? checked((int)id) : 0;
        yield return (DailyFigure.AllReceived, submitted, category);
        yield return (DailyFigure.AllViaChannel, submitted, (int)r.Channel);
        yield return (DailyFigure.AllInState, submitted, (int)r.Status);
        if (r.FollowedUpAt is not null)
        {
            yield return (DailyFigure.AllFollowedUp, submitted, category);
            yield return (DailyFigure.AllFollowedVia, submitted, (int)r.Channel);
        }

        if (r.LeadAgencyId is null || r.ResolutionDueAt is not { } due)
        {
            yield break;
        }

        yield return (DailyFigure.AllWithDeadline, submitted, 0);
        if ((r.FollowedUpAt ?? r.ResolvedAt) is { } done)
        {
            yield return (DailyFigure.AllDone, submitted, 0);
            if (done <= due)
            {
                yield return (DailyFigure.AllDoneOnTime, submitted, 0);
            }
        }
        else
        {
            yield return (DailyFigure.AllPendingDueOn, submitted, Period.WibDate(due).DayNumber);
        }
    }

    /// <summary>
    /// Adds (sign 1) or takes away (sign -1) one report's counts, on its day and in its month; the open reports' ages and
    /// the figures on <see cref="Always"/> only on the day, the only rows read of them.
    /// </summary>
    public static void Count(Dictionary<Key, int> into, Facts report, int sign)
    {
        var agency = report.LeadAgencyId ?? 0;
        foreach (var (figure, day, value) in Items(report))
        {
            Add(new Key(CountSpan.Day, day, agency, figure, value));
            if (day != Always && figure != DailyFigure.OpenSubmittedOn)
            {
                Add(new Key(CountSpan.Month, new DateOnly(day.Year, day.Month, 1), agency, figure, value));
            }
        }

        void Add(Key key) => into[key] = into.GetValueOrDefault(key) + sign;
    }

    /// <summary>The changes the reports about to be saved make to the counts (none for a change of anything else).</summary>
    public static Dictionary<Key, int> Changes(ChangeTracker tracker)
    {
        var changes = new Dictionary<Key, int>();
        foreach (var entry in tracker.Entries<Complaint>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                Count(changes, Facts.From(entry, original: true), -1);
            }

            if (entry.State is EntityState.Modified or EntityState.Added)
            {
                Count(changes, Facts.From(entry, original: false), 1);
            }
        }

        foreach (var unchanged in changes.Where(c => c.Value == 0).Select(c => c.Key).ToList())
        {
            changes.Remove(unchanged);
        }

        return changes;
    }

    /// <summary>
    /// Adds the changes to the stored counts, in key order (two transactions touching the same rows take their
    /// locks in the same order). One statement per hundred rows: <c>INSERT … ON CONFLICT DO UPDATE</c>, which
    /// SQLite and PostgreSQL read alike and each applies atomically per row.
    /// </summary>
    public static async Task ApplyAsync(DbContext db, IEnumerable<KeyValuePair<Key, int>> changes, CancellationToken ct)
    {
        foreach (var batch in changes.OrderBy(c => c.Key.Span).ThenBy(c => c.Key.Day).ThenBy(c => c.Key.AgencyId)
                     .ThenBy(c => c.Key.Figure).ThenBy(c => c.Key.Value).Chunk(100))
        {
            var sql = new StringBuilder("""INSERT INTO "DailyCounts" ("Span", "Day", "AgencyId", "Figure", "Value", "Count") VALUES """);
            var parameters = new List<object>(batch.Length * 6);
            foreach (var (key, count) in batch)
            {
                var n = parameters.Count;
                sql.Append(CultureInfo.InvariantCulture, $"{(n == 0 ? "" : ", ")}({{{n}}}, {{{n + 1}}}, {{{n + 2}}}, {{{n + 3}}}, {{{n + 4}}}, {{{n + 5}}})");
                parameters.AddRange([key.Span.ToString(), key.Day, key.AgencyId, key.Figure.ToString(), key.Value, count]);
            }

            sql.Append("""
                 ON CONFLICT ("Span", "Day", "AgencyId", "Figure", "Value") DO UPDATE SET "Count" = "DailyCounts"."Count" + excluded."Count"
                """);
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, ct);
        }
    }
}
