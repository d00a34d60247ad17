using Aduan.Agencies;
using Aduan.Categories;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Transparency;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Open311;

/// <summary>What <c>GET requests</c> asks for, already checked: ids (then nothing else applies), or services, statuses and a window.</summary>
public sealed record Open311RequestFilter(
    IReadOnlyList<string> TrackingCodes, IReadOnlyList<long> CategoryIds, IReadOnlyList<ComplaintStatus> Statuses,
    DateTimeOffset From, DateTimeOffset To, int Page, int PageSize);

/// <summary>
/// The reads: published reports only (<see cref="PublicRegister.Published"/>: never Submitted, Deferred,
/// Archived, Merged or Confidential ones), their masked public texts, rounded coordinates and no
/// reporter field. Each page is one indexed query on the report table (status or category with the
/// submission instant, or the instant alone), plus one for the page's latest public follow-ups.
/// </summary>
public sealed class Open311Queries(AduanDbContext db, PublicRegister register, AgencyDirectory agencies, CategoryCatalog categories,
    ComplaintPresenter presenter)
{
    public async Task<IReadOnlyList<Open311Request>> RequestsAsync(Open311RequestFilter filter, CancellationToken ct)
    {
        var q = register.Published();
        if (filter.TrackingCodes.Count > 0)
        {
            q = q.Where(c => filter.TrackingCodes.Contains(c.TrackingCode));
        }
        else
        {
            q = q.Where(c => c.SubmittedAt >= filter.From && c.SubmittedAt <= filter.To);
            if (filter.CategoryIds.Count > 0)
            {
                q = q.Where(c => c.CategoryId != null && filter.CategoryIds.Contains(c.CategoryId.Value));
            }

            if (filter.Statuses.Count > 0)
            {
                q = q.Where(c => filter.Statuses.Contains(c.Status));
            }
        }

        var rows = await q.OrderByDescending(c => c.SubmittedAt).ThenByDescending(c => c.Id)
            .Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize)
            .Select(c => new Row(c.Id, c.TrackingCode, c.Status, c.CategoryId, c.LeadAgencyId, c.PublicText,
                c.PublicText == null ? c.Text : null, c.SubmittedAt, c.UpdatedAt, c.ResolutionDueAt, c.Location.Address,
                c.Location.Latitude, c.Location.Longitude))
            .ToListAsync(ct);
        return await ToRequestsAsync(rows, ct);
    }

    private sealed record Row(long Id, string TrackingCode, ComplaintStatus Status, long? CategoryId, long? LeadAgencyId, string? PublicText,
        string? UnmaskedText, DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ResolutionDueAt, string? Address,
        double? Latitude, double? Longitude);

    private async Task<IReadOnlyList<Open311Request>> ToRequestsAsync(List<Row> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var byId = await agencies.GetAsync(ct);
        var categoryById = (await categories.GetAsync(ct)).Values.ToDictionary(c => c.Id);
        var notes = await LatestFollowUpsAsync(rows.Select(r => r.Id).ToList(), ct);
        return rows.Select(r =>
        {
            var category = r.CategoryId is { } id && categoryById.TryGetValue(id, out var cat) ? cat : null;
            var agency = r.LeadAgencyId is { } a && byId.TryGetValue(a, out var entry) ? entry.Name : null;
            return new Open311Request(r.TrackingCode, r.Status, notes.GetValueOrDefault(r.Id), category?.Name, category?.Code,
                r.PublicText ?? PersonalDataMask.Apply(r.UnmaskedText), agency, r.SubmittedAt, r.UpdatedAt,
                ComplaintStateMachine.IsClosed(r.Status) ? null : r.ResolutionDueAt, PersonalDataMask.Apply(r.Address),
                PublicRegister.Round(r.Latitude), PublicRegister.Round(r.Longitude));
        }).ToList();
    }

    /// <summary>The latest public follow-up text of each report, masked; by the events' (report, number) index.</summary>
    private async Task<Dictionary<long, string>> LatestFollowUpsAsync(List<long> ids, CancellationToken ct)
    {
        var followUps = await db.ComplaintEvents.AsNoTracking()
            .Where(e => ids.Contains(e.ComplaintId) && e.Type == ComplaintEventType.FollowUp && e.Visibility == EventVisibility.Public
                && e.Text != null)
            .Select(e => new { e.ComplaintId, e.Sequence, e.Text })
            .ToListAsync(ct);
        return followUps.GroupBy(f => f.ComplaintId)
            .ToDictionary(g => g.Key, g => PersonalDataMask.Apply(g.MaxBy(f => f.Sequence)!.Text) ?? "");
    }

    /// <summary>
    /// Public changes of state of published reports in the window, oldest first: what a client polls to
    /// follow them. By the events' (instant, report, number) index; staff notes and the reporter's own
    /// messages are never among them.
    /// </summary>
    public async Task<IReadOnlyList<Open311Update>> UpdatesAsync(DateTimeOffset from, DateTimeOffset to, int page, int pageSize,
        CancellationToken ct)
    {
        var rows = await db.ComplaintEvents.AsNoTracking()
            .Where(e => e.At >= from && e.At <= to && e.Visibility == EventVisibility.Public && e.ToStatus != null)
            .Join(register.Published(), e => e.ComplaintId, c => c.Id, (e, c) => new { c.TrackingCode, e.Sequence, e.ToStatus, e.At, e.Id, e.Text })
            .OrderBy(x => x.At).ThenBy(x => x.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(ct);
        return rows.Select(r => new Open311Update(Open311Mapping.UpdateId(r.TrackingCode, r.Sequence), r.TrackingCode, r.ToStatus!.Value,
            r.At, PersonalDataMask.Apply(r.Text) ?? presenter.StatusLabel(r.ToStatus.Value))).ToList();
    }

    /// <summary>Whether a report with this tracking code exists at all (for <c>tokens/{token}</c>); says nothing else about it.</summary>
    public Task<bool> ExistsAsync(string trackingCode, CancellationToken ct) =>
        db.Complaints.AnyAsync(c => c.TrackingCode == trackingCode, ct);
}
