using Aduan.Agencies;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Infrastructure;
using Aduan.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Supervision;

/// <summary>
/// The leadership dashboard's and the scorecard's numbers, for the city or one agency. Everything is
/// counted in the database over indexed columns (state, submission, follow-up and deadline instants),
/// a handful of GROUP BY queries per view: no report history is loaded. The working-day figures were
/// written on each report when they happened (<see cref="Complaint.ResponseWorkingDays"/>), so their
/// percentiles come from a per-agency histogram. The same figures answer the staff list's filters
/// (<see cref="FigureFilter"/>): every number on the dashboard links to exactly its reports.
/// </summary>
public sealed class SupervisionQueries(AduanDbContext db, AgencyDirectory agencies, TimeProvider time)
{
    public const int Weeks = 26;
    public const int OldestShown = 5;
    public const int OverdueShown = 50;

    public static readonly IReadOnlyList<ComplaintStatus> OpenStates =
        Enum.GetValues<ComplaintStatus>().Where(s => !ComplaintStateMachine.IsClosed(s)).ToList();

    /// <summary>Reports that came in through Aduan (not imported), within the scope.</summary>
    private IQueryable<Complaint> Reports(SupervisionScope scope) =>
        Scoped(db.Complaints.AsNoTracking().Where(c => !c.IsImported), scope);

    private static IQueryable<Complaint> Scoped(IQueryable<Complaint> q, SupervisionScope scope) =>
        scope.AgencyId is { } id ? q.Where(c => c.LeadAgencyId == id) : q;

    private IQueryable<Complaint> OpenReports(SupervisionScope scope) => Reports(scope).Where(c => OpenStates.Contains(c.Status));

    public async Task<SupervisionSummary> SummaryAsync(SupervisionScope scope, Period period, CancellationToken ct)
    {
        var now = time.Now();
        var names = await agencies.GetAsync(ct);
        var previous = new Period(period.From.AddDays(-period.Days), period.From.AddDays(-1));

        var byState = await OpenReports(scope).GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var overdue = await OpenReports(scope).Where(c => c.NextDueAt < now)
            .GroupBy(c => c.LeadAgencyId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var flagged = await Reports(scope).CountAsync(c => c.OmbudsmanFlaggedAt != null, ct);
        var imported = Scoped(db.Complaints.AsNoTracking().Where(c => c.IsImported), scope);
        var importedReceived = await imported.CountAsync(c => c.SubmittedAt >= period.Start && c.SubmittedAt < period.End, ct);
        var importedOpen = await imported.CountAsync(c => OpenStates.Contains(c.Status), ct);
        var received = Reports(scope).Where(c => c.SubmittedAt >= period.Start && c.SubmittedAt < period.End);
        var totals = await received.GroupBy(_ => 1).Select(g => new { Received = g.Count(), FollowedUp = g.Count(c => c.FollowedUpAt != null) })
            .SingleOrDefaultAsync(ct);
        var ranking = await AgenciesAsync(scope, period, now, names, ct);
        var before = (await AgenciesAsync(scope, previous, now, names, ct)).ToDictionary(a => a.AgencyId);

        return new SupervisionSummary(scope, period, previous, now, totals?.Received ?? 0, totals?.FollowedUp ?? 0,
            OpenStates.Select(s => new StateCount(s, byState.FirstOrDefault(b => b.Key == s)?.Count ?? 0)).ToList(),
            await AgesAsync(scope, now, ct),
            overdue.Select(o => o.Key is { } id && names.TryGetValue(id, out var a)
                    ? new AgencyCount(id, a.Code, a.Name, o.Count) : new AgencyCount(null, null, null, o.Count))
                .OrderByDescending(o => o.Count).ThenBy(o => o.Name, StringComparer.Ordinal).ToList(),
            flagged, importedReceived, importedOpen, ranking,
            ranking.Where(a => a.OnTimeShare is not null && before.TryGetValue(a.AgencyId, out var b) && b.OnTimeShare is not null)
                .Select(a => new Improvement(a.Code, a.Name, before[a.AgencyId].OnTimeShare!.Value, a.OnTimeShare!.Value))
                .Where(i => i.Change > 0).OrderByDescending(i => i.Change).ThenBy(i => i.Name, StringComparer.Ordinal).ToList(),
            await WeeksAsync(scope, period.To, now, ct),
            await KecamatanAsync(scope, ct));
    }

    private async Task<IReadOnlyList<AgeCount>> AgesAsync(SupervisionScope scope, DateTimeOffset now, CancellationToken ct)
    {
        var result = new List<AgeCount>();
        foreach (var band in AgeBand.All)
        {
            var upTo = band.SubmittedUpTo(now);
            var q = OpenReports(scope).Where(c => c.SubmittedAt <= upTo);
            if (band.SubmittedAfter(now) is { } after)
            {
                q = q.Where(c => c.SubmittedAt > after);
            }

            result.Add(new AgeCount(band, await q.CountAsync(ct)));
        }

        return result;
    }

    /// <summary>Per agency over the reports received in the period, ranked: on-time share, then follow-ups, then name.</summary>
    private async Task<IReadOnlyList<AgencyFigures>> AgenciesAsync(SupervisionScope scope, Period p, DateTimeOffset now,
        IReadOnlyDictionary<long, AgencyDirectory.Entry> names, CancellationToken ct)
    {
        // One pass over the period's reports: grouped by agency and by the two working-day figures, so that the
        // counts and both histograms come from the same rows (a few thousand groups, summed here).
        var rows = await Reports(scope).Where(c => c.SubmittedAt >= p.Start && c.SubmittedAt < p.End && c.LeadAgencyId != null)
            .GroupBy(c => new
            {
                Agency = c.LeadAgencyId!.Value,
                Response = c.ResponseWorkingDays,
                FollowUp = c.FollowedUpAt != null ? c.FollowUpWorkingDays : null,
            })
            .Select(g => new
            {
                g.Key.Agency,
                g.Key.Response,
                g.Key.FollowUp,
                Received = g.Count(),
                FollowedUp = g.Count(c => c.FollowedUpAt != null),
                OnTime = g.Count(c => c.FollowedUpAt != null && c.FollowedUpAt <= c.ResolutionDueAt),
                Late = g.Count(c => c.ResolutionDueAt != null
                    && (c.FollowedUpAt > c.ResolutionDueAt || (c.FollowedUpAt == null && c.ResolutionDueAt < now))),
                Reopened = g.Count(c => c.ReopenCount > 0 && c.FollowedUpAt != null),
                Rated = g.Count(c => c.Rating != null),
                RatingSum = g.Sum(c => c.Rating ?? 0),
            }).ToListAsync(ct);

        return rows.GroupBy(r => r.Agency).Where(a => names.ContainsKey(a.Key)).Select(a => new AgencyFigures(a.Key, names[a.Key].Code,
                names[a.Key].Name, a.Sum(r => r.Received), a.Sum(r => r.FollowedUp), a.Sum(r => r.OnTime), a.Sum(r => r.Late),
                a.Sum(r => r.Reopened), a.Sum(r => r.Rated), a.Sum(r => r.Rated) == 0 ? null : (double)a.Sum(r => r.RatingSum) / a.Sum(r => r.Rated),
                Percentiles.From(a.Where(r => r.Response is not null).Select(r => (r.Response!.Value, r.Received))),
                Percentiles.From(a.Where(r => r.FollowUp is not null).Select(r => (r.FollowUp!.Value, r.FollowedUp)))))
            .OrderByDescending(a => a.OnTimeShare ?? -1).ThenByDescending(a => a.FollowedUp).ThenBy(a => a.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The 26 weeks (Monday to Sunday, WIB) up to the one holding <paramref name="last"/>: one indexed range count per week and figure.</summary>
    private async Task<IReadOnlyList<WeekFigures>> WeeksAsync(SupervisionScope scope, DateOnly last, DateTimeOffset now, CancellationToken ct)
    {
        var monday = last.AddDays(-(((int)last.DayOfWeek + 6) % 7));
        var result = new List<WeekFigures>();
        for (var i = Weeks - 1; i >= 0; i--)
        {
            var week = new Period(monday.AddDays(-7 * i), monday.AddDays(-7 * i + 6));
            var (start, end) = (week.Start, week.End);
            var q = Reports(scope);
            result.Add(new WeekFigures(week,
                await q.CountAsync(c => c.SubmittedAt >= start && c.SubmittedAt < end, ct),
                await q.CountAsync(c => c.FollowedUpAt >= start && c.FollowedUpAt < end, ct),
                await q.Where(c => c.ResolutionDueAt >= start && c.ResolutionDueAt < end && c.ResolutionDueAt < now)
                    .CountAsync(c => c.FollowedUpAt == null || c.FollowedUpAt > c.ResolutionDueAt, ct)));
        }

        return result;
    }

    private async Task<IReadOnlyList<KecamatanCount>> KecamatanAsync(SupervisionScope scope, CancellationToken ct)
    {
        var rows = await OpenReports(scope).GroupBy(c => c.Location.Kecamatan).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var centres = (await agencies.KecamatanCentresAsync(ct)).ToDictionary(k => k.Name, StringComparer.OrdinalIgnoreCase);
        return rows.Select(r => r.Key is { } name && centres.TryGetValue(name, out var c)
                ? new KecamatanCount(r.Key, r.Count, c.Latitude, c.Longitude) : new KecamatanCount(r.Key, r.Count, null, null))
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
