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
        var sums = await SumsAsync(scope, period, ct);
        var ranking = await AgenciesAsync(sums, scope, period, now, names, ct);
        var before = (await AgenciesAsync(await SumsAsync(scope, previous, ct), scope, previous, now, names, ct)).ToDictionary(a => a.AgencyId);
        int Total(DailyFigure figure) => sums.Where(s => s.Figure == figure).Sum(s => s.Count);

        return new SupervisionSummary(scope, period, previous, now, Total(DailyFigure.Received), Total(DailyFigure.FollowedUp),
            OpenStates.Select(state => new StateCount(state, open.States.GetValueOrDefault(state))).ToList(),
            AgeBand.All.Select((band, i) => new AgeCount(band, open.InBand(i))).ToList(),
            open.OverdueByAgency.Where(o => o.Value > 0)
                .Select(o => names.TryGetValue(o.Key, out var a) ? new AgencyCount(o.Key, a.Code, a.Name, o.Value) : new AgencyCount(null, null, null, o.Value))
                .GroupBy(o => o.AgencyId).Select(o => o.First() with { Count = o.Sum(x => x.Count) })
                .OrderByDescending(o => o.Count).ThenBy(o => o.Name, StringComparer.Ordinal).ToList(),
            open.Flagged, Total(DailyFigure.Imported), open.ImportedOpen, ranking,
            ranking.Where(a => a.OnTimeShare is not null && before.TryGetValue(a.AgencyId, out var b) && b.OnTimeShare is not null)
                .Select(a => new Improvement(a.Code, a.Name, before[a.AgencyId].OnTimeShare!.Value, a.OnTimeShare!.Value))
                .Where(i => i.Change > 0).OrderByDescending(i => i.Change).ThenBy(i => i.Name, StringComparer.Ordinal).ToList(),
            await WeeksAsync(scope, period.To, now, ct),
            await KecamatanAsync(open.Kecamatan, ct));
    }

    private static readonly DailyFigure[] OnAlways =
        [DailyFigure.OpenInState, DailyFigure.OpenInKecamatan, DailyFigure.ImportedOpen, DailyFigure.Flagged];

    /// <summary>
    /// The open reports now, from the counts kept with them (<see cref="DailyCounts.Items"/>), in a few reads of at most a
    /// few hundred rows: by state and kecamatan; by age band from their submission days, with each band's boundary day
    /// counted live to the instant; overdue by agency from the days their nearest deadlines fall, with today's counted
    /// live up to now. The live counts read at most a day of reports each, through an index.
    /// </summary>
    private async Task<OpenFigures> OpenNowAsync(SupervisionScope scope, DateTimeOffset now, CancellationToken ct)
    {
        var counts = Scoped(db.DailyCounts.AsNoTracking(), scope);
        var always = await counts.Where(c => c.Span == CountSpan.Day && c.Day == DailyCounts.Always && OnAlways.Contains(c.Figure))
            .GroupBy(c => new { c.Figure, c.Value }).Select(g => new { g.Key.Figure, g.Key.Value, Count = g.Sum(c => c.Count) })
            .ToListAsync(ct);

        // Age: the reports submitted after each band's start (an instant) are those of the days after its day, and its own day's part.
        var starts = AgeBand.All.Select(b => b.SubmittedAfter(now)).OfType<DateTimeOffset>().ToArray();
        var oldest = Period.WibDate(starts[^1]).AddDays(1);
        var byDay = await counts.Where(c => c.Span == CountSpan.Day && c.Figure == DailyFigure.OpenSubmittedOn && c.Day >= oldest)
            .GroupBy(c => c.Day).Select(g => new { Day = g.Key, Count = g.Sum(c => c.Count) }).ToDictionaryAsync(d => d.Day, d => d.Count, ct);
        var after = new int[starts.Length];
        for (var i = 0; i < starts.Length; i++)
        {
            var day = Period.WibDate(starts[i]);
            var (start, dayEnd) = (starts[i], new Period(day, day).End);
            after[i] = byDay.Where(d => d.Key > day).Sum(d => d.Value)
                + await SubmittedBetween(db, scope, start, dayEnd).CountAsync(ct);
        }

        // Overdue: the deadlines of the months before this one, of this month's days before today, and today's up to now.
        var today = Period.WibDate(now);
        var month = new DateOnly(today.Year, today.Month, 1);
        var todayStart = new Period(today, today).Start;
        var overdue = await counts.Where(c => c.Figure == DailyFigure.OpenDueOn
                && ((c.Span == CountSpan.Month && c.Day < month) || (c.Span == CountSpan.Day && c.Day >= month && c.Day < today)))
            .GroupBy(c => c.AgencyId).Select(g => new { AgencyId = g.Key, Count = g.Sum(c => c.Count) })
            .ToDictionaryAsync(g => g.AgencyId, g => g.Count, ct);
        foreach (var live in (await DueBetween(db, todayStart, now).ToListAsync(ct)).Where(g => scope.AgencyId is not { } id || g.AgencyId == id))
        {
            overdue[live.AgencyId] = overdue.GetValueOrDefault(live.AgencyId) + live.Count;
        }

        int Sum(DailyFigure figure) => always.Where(a => a.Figure == figure).Sum(a => a.Count);
        return new OpenFigures(
            always.Where(a => a.Figure == DailyFigure.OpenInState).ToDictionary(a => (ComplaintStatus)a.Value, a => a.Count),
            Sum(DailyFigure.OpenInState), after, overdue,
            always.Where(a => a.Figure == DailyFigure.OpenInKecamatan).ToDictionary(a => a.Value, a => a.Count),
            Sum(DailyFigure.Flagged), Sum(DailyFigure.ImportedOpen));
    }

    /// <summary>Open reports submitted after <paramref name="after"/> and before <paramref name="before"/> (within a day): through the submission index.</summary>
    internal static IQueryable<Complaint> SubmittedBetween(AduanDbContext db, SupervisionScope scope, DateTimeOffset after, DateTimeOffset before) =>
        Reports(db, scope).Where(IsOpen).Where(c => c.SubmittedAt > after && c.SubmittedAt < before);

    /// <summary>
    /// Open reports whose nearest deadline is in [<paramref name="from"/>, <paramref name="until"/>), by agency (0: none
    /// yet), in the whole city: through the deadline index (an agency's condition would lead SQLite to its agency index).
    /// </summary>
    internal static IQueryable<AgencyTotal> DueBetween(AduanDbContext db, DateTimeOffset from, DateTimeOffset until) =>
        Reports(db, SupervisionScope.City).Where(IsNotClosed).Where(c => c.NextDueAt >= from && c.NextDueAt < until)
            .GroupBy(c => c.LeadAgencyId ?? 0).Select(g => new AgencyTotal(g.Key, g.Count()));

    /// <summary>
    /// The open reports now: by state; how many in all and submitted after each age band's start; overdue by agency
    /// (0: no agency yet); by kecamatan key (<see cref="DailyCounts.KecamatanKey"/>); flagged for the Ombudsman; imported.
    /// </summary>
    internal sealed record OpenFigures(IReadOnlyDictionary<ComplaintStatus, int> States, int Total, int[] After,
        IReadOnlyDictionary<long, int> OverdueByAgency, IReadOnlyDictionary<int, int> Kecamatan, int Flagged, int ImportedOpen)
    {
        /// <summary>In age band <paramref name="band"/> (of <see cref="AgeBand.All"/>).</summary>
        public int InBand(int band) => Newer(band) - (band == 0 ? 0 : Newer(band - 1));

        private int Newer(int band) => band < After.Length ? After[band] : Total;
    }

    /// <summary>Of the reports received in the period, those late because the deadline has passed with no follow-up yet, by agency.</summary>
    internal static IQueryable<AgencyTotal> AwaitingFollowUp(AduanDbContext db, SupervisionScope scope, Period p, DateTimeOffset now) =>
        Reports(db, scope)
            .Where(c => c.SubmittedAt >= p.Start && c.SubmittedAt < p.End && c.FollowedUpAt == null && c.ResolutionDueAt != null
                && c.ResolutionDueAt < now && c.LeadAgencyId != null)
            .GroupBy(c => c.LeadAgencyId!.Value).Select(g => new AgencyTotal(g.Key, g.Count()));

    internal sealed record AgencyTotal(long AgencyId, int Count);

    /// <summary>
    /// <c>Status IN ('Submitted', …)</c> with the states as constants, as the partial index's own condition
    /// (<see cref="OpenIndexFilter"/>) reads: SQLite uses a partial index only for a query that repeats its condition.
    /// </summary>
    internal static readonly Expression<Func<Complaint, bool>> IsOpen = StatusCondition(OpenStates, open: true);

    /// <summary>
    /// Open too, as <c>Status NOT IN (…closed)</c>: a condition no partial index of open reports matches, for a query
    /// that reads a narrow range of another index (SQLite would otherwise take the covering partial index whole).
    /// </summary>
    internal static readonly Expression<Func<Complaint, bool>> IsNotClosed =
        StatusCondition(Enum.GetValues<ComplaintStatus>().Where(ComplaintStateMachine.IsClosed), open: false);

    /// <summary>The condition of the open reports' partial index, in SQL.</summary>
    public static string OpenIndexFilter => $"\"Status\" IN ({string.Join(", ", OpenStates.Select(s => $"'{s}'"))})";

    /// <summary><c>Status = a OR Status = b …</c> (open), or <c>Status &lt;&gt; a AND Status &lt;&gt; b …</c>, with the states as constants.</summary>
    private static Expression<Func<Complaint, bool>> StatusCondition(IEnumerable<ComplaintStatus> states, bool open)
    {
        var c = Expression.Parameter(typeof(Complaint), "c");
        var status = Expression.Property(c, nameof(Complaint.Status));
        var body = open
            ? states.Select(s => (Expression)Expression.Equal(status, Expression.Constant(s))).Aggregate(Expression.OrElse)
            : states.Select(s => (Expression)Expression.NotEqual(status, Expression.Constant(s))).Aggregate(Expression.AndAlso);
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

    private Task<IReadOnlyList<Sum>> SumsAsync(SupervisionScope scope, Period p, CancellationToken ct) =>
        SumsAsync(Scoped(db.DailyCounts.AsNoTracking(), scope).Where(c => !NotSummed.Contains(c.Figure)), p, ct);

    /// <summary>
    /// One row per agency, figure and value: the <paramref name="counts"/> summed over the period, whole months from the
    /// month rows (the dashboard's and the public statistics').
    /// </summary>
    internal static async Task<IReadOnlyList<Sum>> SumsAsync(IQueryable<DailyCount> counts, Period p, CancellationToken ct)
    {
        var sums = new List<Sum>();
        foreach (var (span, from, to) in Buckets(p))
        {
            sums.AddRange(await counts
                .Where(c => c.Span == span && c.Day >= from && c.Day <= to)
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

    /// <summary>Not summed over a period: the open reports now (read by <see cref="OpenNowAsync"/>) and the public statistics' own.</summary>
    private static readonly DailyFigure[] NotSummed =
        [.. OnAlways, DailyFigure.OpenSubmittedOn, DailyFigure.OpenDueOn, .. DailyCounts.StatisticsFigures];

    private static IQueryable<DailyCount> Scoped(IQueryable<DailyCount> q, SupervisionScope scope) =>
        scope.AgencyId is { } id ? q.Where(c => c.AgencyId == id) : q;

    internal sealed record Sum(long AgencyId, DailyFigure Figure, int Value, int Count);

    /// <summary>The open reports by kecamatan, named from the city's list (a name not on it is counted as none).</summary>
    private async Task<IReadOnlyList<KecamatanCount>> KecamatanAsync(IReadOnlyDictionary<int, int> open, CancellationToken ct)
    {
        var centres = (await agencies.KecamatanCentresAsync(ct)).GroupBy(k => DailyCounts.KecamatanKey(k.Name)).ToDictionary(k => k.Key, k => k.First());
        return open.Where(k => k.Value != 0).Select(k => (Centre: centres.GetValueOrDefault(k.Key), Count: k.Value))
            .GroupBy(k => k.Centre)
            .Select(k => k.Key is { } c ? new KecamatanCount(c.Name, k.Sum(x => x.Count), c.Latitude, c.Longitude) : new KecamatanCount(null, k.Sum(x => x.Count), null, null))
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
