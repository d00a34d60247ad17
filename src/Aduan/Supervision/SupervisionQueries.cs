using Aduan.Agencies;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Infrastructure;
using Aduan.Statistics;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Supervision;

/// <summary>
/// The leadership dashboard's and the scorecard's numbers, for the city or one agency, in about ten
/// queries whatever the period: what the reports received in a period did, and the weekly trend, are
/// summed from the <see cref="DailyCount"/>s (kept with the reports); what depends on the moment (the
/// open reports now, deadlines passed without a follow-up) is counted live over small partial indexes.
/// The working-day percentiles come from the counts' per-agency histograms. The same figures answer the
/// staff list's filters (<see cref="FigureFilter"/>): every number on the dashboard links to exactly its reports.
/// </summary>
public sealed class SupervisionQueries(AduanDbContext db, AgencyDirectory agencies, TimeProvider time)
{
    public const int Weeks = 26;
    public const int OldestShown = 5;
    public const int OverdueShown = 50;

    public static readonly IReadOnlyList<ComplaintStatus> OpenStates =
        Enum.GetValues<ComplaintStatus>().Where(s => !ComplaintStateMachine.IsClosed(s)).ToList();

    /// <summary>Reports that came in through Aduan (not imported), within the scope.</summary>
    private IQueryable<Complaint> Reports(SupervisionScope scope) => Reports(db, scope);

    private static IQueryable<Complaint> Reports(AduanDbContext db, SupervisionScope scope) =>
        Scoped(db.Complaints.AsNoTracking().Where(c => !c.IsImported), scope);

    private static IQueryable<Complaint> Scoped(IQueryable<Complaint> q, SupervisionScope scope) =>
        scope.AgencyId is { } id ? q.Where(c => c.LeadAgencyId == id) : q;

    private IQueryable<Complaint> OpenReports(SupervisionScope scope) => Reports(scope).Where(IsOpen);

    public async Task<SupervisionSummary> SummaryAsync(SupervisionScope scope, Period period, CancellationToken ct)
    {
        var now = time.Now();
        var names = await agencies.GetAsync(ct);
        var previous = new Period(period.From.AddDays(-period.Days), period.From.AddDays(-1));

        var open = await OpenNowAsync(scope, now, ct);
        var flagged = await Reports(scope).CountAsync(c => c.OmbudsmanFlaggedAt != null, ct);
        var importedOpen = await Scoped(db.Complaints.AsNoTracking().Where(c => c.IsImported), scope).Where(IsOpen).CountAsync(ct);
        var sums = await SumsAsync(scope, period, ct);
        var ranking = await AgenciesAsync(sums, scope, period, now, names, ct);
        var before = (await AgenciesAsync(await SumsAsync(scope, previous, ct), scope, previous, now, names, ct)).ToDictionary(a => a.AgencyId);
        int Total(DailyFigure figure) => sums.Where(s => s.Figure == figure).Sum(s => s.Count);

        return new SupervisionSummary(scope, period, previous, now, Total(DailyFigure.Received), Total(DailyFigure.FollowedUp),
            OpenStates.Select(state => new StateCount(state, open.Where(o => o.Status == state).Sum(o => o.Count))).ToList(),
            AgeBand.All.Select((band, i) => new AgeCount(band, open.Sum(o => o.InBand(i)))).ToList(),
            open.Where(o => o.Overdue > 0).GroupBy(o => o.AgencyId).Select(o => o.Key is { } id && names.TryGetValue(id, out var a)
                    ? new AgencyCount(id, a.Code, a.Name, o.Sum(x => x.Overdue)) : new AgencyCount(null, null, null, o.Sum(x => x.Overdue)))
                .OrderByDescending(o => o.Count).ThenBy(o => o.Name, StringComparer.Ordinal).ToList(),
            flagged, Total(DailyFigure.Imported), importedOpen, ranking,
            ranking.Where(a => a.OnTimeShare is not null && before.TryGetValue(a.AgencyId, out var b) && b.OnTimeShare is not null)
                .Select(a => new Improvement(a.Code, a.Name, before[a.AgencyId].OnTimeShare!.Value, a.OnTimeShare!.Value))
                .Where(i => i.Change > 0).OrderByDescending(i => i.Change).ThenBy(i => i.Name, StringComparer.Ordinal).ToList(),
            await WeeksAsync(scope, period.To, now, ct),
            await KecamatanAsync(open, ct));
    }

    /// <summary>
    /// The open reports now, in one pass over their own index (<c>IX_Complaints_Open</c>, or <c>…OpenByAgency</c> for
    /// one agency, made by a migration: partial, so it holds only open reports, and covering every column read here):
    /// counted by agency, state, kecamatan, overdue or not, and age band.
    /// </summary>
    private Task<List<OpenGroup>> OpenNowAsync(SupervisionScope scope, DateTimeOffset now, CancellationToken ct) =>
        OpenNow(db, scope, now).ToListAsync(ct);

    internal static IQueryable<OpenGroup> OpenNow(AduanDbContext db, SupervisionScope scope, DateTimeOffset now)
    {
        // How many were submitted after each band's oldest instant: the bands follow each other (AgeBand.All), so a
        // band's count is the difference of two. Counted per group in the index's own order: no sort of 80k rows.
        var after = AgeBand.All.Select(b => b.SubmittedAfter(now) ?? DateTimeOffset.MinValue).ToArray();
        if (after.Length != 6)
        {
            throw new InvalidOperationException("The age bands changed: count them anew here.");
        }

        var (a0, a1, a2, a3, a4) = (after[0], after[1], after[2], after[3], after[4]);
        return Reports(db, scope).Where(IsOpen)
            .GroupBy(c => new { c.Status, c.LeadAgencyId, c.Location.Kecamatan })
            .Select(g => new OpenGroup(g.Key.LeadAgencyId, g.Key.Status, g.Key.Kecamatan, g.Count(), g.Count(c => c.NextDueAt < now),
                g.Count(c => c.SubmittedAt > a0), g.Count(c => c.SubmittedAt > a1), g.Count(c => c.SubmittedAt > a2),
                g.Count(c => c.SubmittedAt > a3), g.Count(c => c.SubmittedAt > a4)));
    }

    /// <summary>Of the reports received in the period, those late because the deadline has passed with no follow-up yet, by agency.</summary>
    internal static IQueryable<AgencyTotal> AwaitingFollowUp(AduanDbContext db, SupervisionScope scope, Period p, DateTimeOffset now) =>
        Reports(db, scope)
            .Where(c => c.SubmittedAt >= p.Start && c.SubmittedAt < p.End && c.FollowedUpAt == null && c.ResolutionDueAt != null
                && c.ResolutionDueAt < now && c.LeadAgencyId != null)
            .GroupBy(c => c.LeadAgencyId!.Value).Select(g => new AgencyTotal(g.Key, g.Count()));

    internal sealed record AgencyTotal(long AgencyId, int Count);

    /// <summary>Open reports of an agency, state and kecamatan: how many, overdue, and submitted after each age band's start.</summary>
    internal sealed record OpenGroup(long? AgencyId, ComplaintStatus Status, string? Kecamatan, int Count, int Overdue,
        int After0, int After1, int After2, int After3, int After4)
    {
        /// <summary>In age band <paramref name="band"/> (of <see cref="AgeBand.All"/>).</summary>
        public int InBand(int band) => Newer(band) - (band == 0 ? 0 : Newer(band - 1));

        private int Newer(int band) => band switch { 0 => After0, 1 => After1, 2 => After2, 3 => After3, 4 => After4, _ => Count };
    }

    /// <summary>
    /// <c>Status IN ('Submitted', …)</c> with the states as constants, as the partial index's own condition
    /// (<see cref="OpenIndexFilter"/>) reads: SQLite uses a partial index only for a query that repeats its condition.
    /// </summary>
    internal static readonly Expression<Func<Complaint, bool>> IsOpen = OpenCondition();

    /// <summary>The condition of the open reports' partial index, in SQL.</summary>
    public static string OpenIndexFilter => $"\"Status\" IN ({string.Join(", ", OpenStates.Select(s => $"'{s}'"))})";

    private static Expression<Func<Complaint, bool>> OpenCondition()
    {
        var c = Expression.Parameter(typeof(Complaint), "c");
        var status = Expression.Property(c, nameof(Complaint.Status));
        var body = OpenStates.Select(s => (Expression)Expression.Equal(status, Expression.Constant(s))).Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<Complaint, bool>>(body, c);
    }

    /// <summary>Per agency over the reports received in the period, ranked: on-time share, then follow-ups, then name.</summary>
    private async Task<IReadOnlyList<AgencyFigures>> AgenciesAsync(IReadOnlyList<Sum> sums, SupervisionScope scope, Period p,
        DateTimeOffset now, IReadOnlyDictionary<long, AgencyDirectory.Entry> names, CancellationToken ct)
    {
        // The one figure the counts cannot hold: late because the deadline has passed by now, with no follow-up yet.
        var waiting = await AwaitingFollowUp(db, scope, p, now).ToDictionaryAsync(g => g.AgencyId, g => g.Count, ct);

        return sums.Where(s => names.ContainsKey(s.AgencyId)).GroupBy(s => s.AgencyId).Select(a =>
            {
                int Total(DailyFigure figure) => a.Where(s => s.Figure == figure).Sum(s => s.Count);
                IEnumerable<(int, int)> Histogram(DailyFigure figure) => a.Where(s => s.Figure == figure).Select(s => (s.Value, s.Count));
                var ratings = a.Where(s => s.Figure == DailyFigure.Rating).ToList();
                var rated = ratings.Sum(r => r.Count);
                return new AgencyFigures(a.Key, names[a.Key].Code, names[a.Key].Name, Total(DailyFigure.Received), Total(DailyFigure.FollowedUp),
                    Total(DailyFigure.OnTime), Total(DailyFigure.FollowedLate) + waiting.GetValueOrDefault(a.Key), Total(DailyFigure.Reopened), rated,
                    rated == 0 ? null : (double)ratings.Sum(r => (long)r.Value * r.Count) / rated,
                    Percentiles.From(Histogram(DailyFigure.ResponseDays)), Percentiles.From(Histogram(DailyFigure.FollowUpDays)));
            })
            .Where(a => a.Received > 0)
            .OrderByDescending(a => a.OnTimeShare ?? -1).ThenByDescending(a => a.FollowedUp).ThenBy(a => a.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The 26 weeks (Monday to Sunday, WIB) up to the one holding <paramref name="last"/>, from the day counts: received,
    /// followed up, and deadlines of days gone by that were not met; today's deadlines counted as far as now.
    /// </summary>
    private async Task<IReadOnlyList<WeekFigures>> WeeksAsync(SupervisionScope scope, DateOnly last, DateTimeOffset now, CancellationToken ct)
    {
        var monday = last.AddDays(-(((int)last.DayOfWeek + 6) % 7));
        var range = new Period(monday.AddDays(-7 * (Weeks - 1)), monday.AddDays(6));
        DailyFigure[] figures = [DailyFigure.Received, DailyFigure.FollowedUpOn, DailyFigure.DueOn, DailyFigure.MetOn];
        var days = await Scoped(db.DailyCounts.AsNoTracking(), scope)
            .Where(c => c.Span == CountSpan.Day && c.Day >= range.From && c.Day <= range.To && figures.Contains(c.Figure))
            .GroupBy(c => new { c.Day, c.Figure }).Select(g => new { g.Key.Day, g.Key.Figure, Count = g.Sum(c => c.Count) })
            .ToListAsync(ct);

        var today = Period.WibDate(now);
        var missedToday = 0;
        if (today >= range.From && today <= range.To)
        {
            var start = new Period(today, today).Start;
            missedToday = await Reports(scope).CountAsync(c => c.ResolutionDueAt >= start && c.ResolutionDueAt < now
                && (c.FollowedUpAt == null || c.FollowedUpAt > c.ResolutionDueAt), ct);
        }

        var result = new List<WeekFigures>();
        for (var i = Weeks - 1; i >= 0; i--)
        {
            var week = new Period(monday.AddDays(-7 * i), monday.AddDays(-7 * i + 6));
            int Total(DailyFigure figure, DateOnly before) =>
                days.Where(d => d.Figure == figure && d.Day >= week.From && d.Day <= week.To && d.Day < before).Sum(d => d.Count);
            var missed = Total(DailyFigure.DueOn, today) - Total(DailyFigure.MetOn, today) + (today >= week.From && today <= week.To ? missedToday : 0);
            result.Add(new WeekFigures(week, Total(DailyFigure.Received, DateOnly.MaxValue), Total(DailyFigure.FollowedUpOn, DateOnly.MaxValue), missed));
        }

        return result;
    }

    /// <summary>One row per agency, figure and value: the counts summed over the period, whole months from the month rows.</summary>
    private async Task<IReadOnlyList<Sum>> SumsAsync(SupervisionScope scope, Period p, CancellationToken ct)
    {
        var sums = new List<Sum>();
        foreach (var (span, from, to) in Buckets(p))
        {
            sums.AddRange(await Scoped(db.DailyCounts.AsNoTracking(), scope).Where(c => c.Span == span && c.Day >= from && c.Day <= to)
                .GroupBy(c => new { c.AgencyId, c.Figure, c.Value })
                .Select(g => new Sum(g.Key.AgencyId, g.Key.Figure, g.Key.Value, g.Sum(c => c.Count))).ToListAsync(ct));
        }

        return sums.GroupBy(s => (s.AgencyId, s.Figure, s.Value)).Select(g => g.First() with { Count = g.Sum(s => s.Count) }).ToList();
    }

    /// <summary>The period as the months it covers whole and the days before and after them: at most 62 day rows per figure.</summary>
    internal static IEnumerable<(CountSpan Span, DateOnly From, DateOnly To)> Buckets(Period p)
    {
        var firstWhole = p.From.Day == 1 ? p.From : new DateOnly(p.From.Year, p.From.Month, 1).AddMonths(1);
        var afterWhole = p.To.AddDays(1).Day == 1 ? p.To.AddDays(1) : new DateOnly(p.To.Year, p.To.Month, 1);
        if (firstWhole >= afterWhole)
        {
            yield return (CountSpan.Day, p.From, p.To);
            yield break;
        }

        if (p.From < firstWhole)
        {
            yield return (CountSpan.Day, p.From, firstWhole.AddDays(-1));
        }

        yield return (CountSpan.Month, firstWhole, afterWhole.AddMonths(-1));
        if (afterWhole <= p.To)
        {
            yield return (CountSpan.Day, afterWhole, p.To);
        }
    }

    private static IQueryable<DailyCount> Scoped(IQueryable<DailyCount> q, SupervisionScope scope) =>
        scope.AgencyId is { } id ? q.Where(c => c.AgencyId == id) : q;

    private sealed record Sum(long AgencyId, DailyFigure Figure, int Value, int Count);

    private async Task<IReadOnlyList<KecamatanCount>> KecamatanAsync(List<OpenGroup> open, CancellationToken ct)
    {
        var centres = (await agencies.KecamatanCentresAsync(ct)).ToDictionary(k => k.Name, StringComparer.OrdinalIgnoreCase);
        return open.GroupBy(o => o.Kecamatan).Select(k => k.Key is { } name && centres.TryGetValue(name, out var c)
                ? new KecamatanCount(k.Key, k.Sum(o => o.Count), c.Latitude, c.Longitude) : new KecamatanCount(k.Key, k.Sum(o => o.Count), null, null))
            .OrderByDescending(k => k.Open).ThenBy(k => k.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The agency's oldest open reports, oldest first.</summary>
    public Task<List<OpenReport>> OldestOpenAsync(SupervisionScope scope, int count, CancellationToken ct) =>
        Shown(OpenReports(scope).OrderBy(c => c.SubmittedAt).ThenBy(c => c.Id).Take(count)).ToListAsync(ct);

    /// <summary>The agency's overdue reports, longest overdue first.</summary>
    public Task<List<OpenReport>> OverdueAsync(SupervisionScope scope, int count, CancellationToken ct)
    {
        var now = time.Now();
        return Shown(OpenReports(scope).Where(c => c.NextDueAt < now).OrderBy(c => c.NextDueAt).ThenBy(c => c.Id).Take(count)).ToListAsync(ct);
    }

    private static IQueryable<OpenReport> Shown(IQueryable<Complaint> q) =>
        q.Select(c => new OpenReport(c.TrackingCode, c.PublicTitle ?? c.PublicText!.Substring(0, 80), c.Status, c.SubmittedAt, c.NextDueAt));
}
