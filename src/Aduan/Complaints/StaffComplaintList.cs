using Aduan.Agencies;
using Aduan.Categories;
using Aduan.Data;
using Aduan.Identity;
using Aduan.Infrastructure;
using Aduan.Sla;
using Aduan.Supervision;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Complaints;

public sealed record StaffListQuery(
    string? Status = null,
    string? Agency = null,
    string? Category = null,
    string? Channel = null,
    bool? Overdue = null,
    bool? Flagged = null,
    string? Q = null,
    string? Sort = null,
    int? Page = null,
    int? PageSize = null,
    bool? Imported = null,
    string? Flag = null);

/// <summary>
/// The staff list: filters that map onto the report table's indexes, a stable order, offset
/// pages. Shared by the JSON API and the workspace pages; always scoped to the staff member.
/// </summary>
public sealed class StaffComplaintList(AduanDbContext db, AgencyDirectory agencies, CategoryCatalog categories,
    ComplaintPresenter presenter, TimeProvider time, IOptions<SlaOptions> sla)
{
    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 25;
    public const int MaxPage = 100_000;
    public const int MaxCount = 10_000;

    /// <summary>
    /// How far a text search counts its matches ("more than 500"): on PostgreSQL, an unfiltered list's first
    /// <see cref="ComplaintSearch.SearchWindow"/> entries answer that for any word in one report of forty or more. A
    /// search's twentieth page is no way to find a report; a narrower query is.
    /// </summary>
    public const int MaxSearchCount = 500;
    public static readonly IReadOnlyList<string> Sorts = ["newest", "oldest", "due", "updated"];

    /// <summary>Values of the filter <c>flag</c>: <c>ombudsman</c>, the reports flagged for the Ombudsman.</summary>
    public static readonly IReadOnlyList<string> Flags = ["ombudsman"];

    public static async Task<Results<Ok<PagedList<StaffComplaintListItem>>, ProblemHttpResult>> ListAsync(
        [AsParameters] StaffListQuery query, [AsParameters] FigureFilter figures, StaffContext staffContext, StaffComplaintList list,
        Problems problems, CancellationToken ct)
    {
        var v = new Validation(problems.T);
        var page = await list.FindAsync((await staffContext.GetAsync(ct))!, query, figures, v, ct);
        return page is null ? v.ToProblem(problems) : TypedResults.Ok(page);
    }

    /// <summary>A page of the reports this staff member may see; null, with the errors in <paramref name="v"/>, when a filter is invalid.</summary>
    public Task<PagedList<StaffComplaintListItem>?> FindAsync(StaffMember staff, StaffListQuery query, Validation v, CancellationToken ct) =>
        FindAsync(staff, query, null, v, ct);

    /// <summary>As above, narrowed to the reports behind a dashboard figure (<see cref="FigureFilter"/>).</summary>
    public async Task<PagedList<StaffComplaintListItem>?> FindAsync(StaffMember staff, StaffListQuery query, FigureFilter? figures, Validation v,
        CancellationToken ct)
    {
        var page = query.Page ?? 1;
        var pageSize = query.PageSize ?? DefaultPageSize;
        if (page is < 1 or > MaxPage)
        {
            v.Add("page", "Field.Page", MaxPage);
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            v.Add("pageSize", "Field.PageSize", MaxPageSize);
        }

        var sort = (query.Sort ?? "newest").ToLowerInvariant();
        if (!Sorts.Contains(sort))
        {
            v.Add("sort", "Field.Sort", Validation.Clip(sort), string.Join(", ", Sorts));
        }

        var statuses = new List<ComplaintStatus>();
        foreach (var s in (query.Status ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (v.Enum<ComplaintStatus>("status", s) is { } status)
            {
                statuses.Add(status);
            }
        }

        var byId = await agencies.GetAsync(ct);
        long? agencyId = null;
        if (query.Agency is { } agencyCode)
        {
            agencyId = byId.Values.FirstOrDefault(a => string.Equals(a.Code, agencyCode.Trim(), StringComparison.OrdinalIgnoreCase))?.Id;
            if (agencyId is null)
            {
                v.Add("agency", "Field.UnknownAgency", Validation.Clip(agencyCode));
            }
        }

        long? categoryId = null;
        if (query.Category is { } categoryCode)
        {
            categoryId = (await categories.FindAsync(categoryCode, ct))?.Id;
            if (categoryId is null)
            {
                v.Add("category", "Field.UnknownCategory", Validation.Clip(categoryCode));
            }
        }

        var channel = v.Enum<Channel>("channel", query.Channel);
        if (query.Flag is { } flag && !Flags.Contains(flag.Trim().ToLowerInvariant()))
        {
            v.Add("flag", "Field.Flag", Validation.Clip(flag), string.Join(", ", Flags));
        }

        var text = v.Text("q", query.Q, 1, 200, required: false);
        var now = time.Now();
        var q = db.Complaints.AsNoTracking().VisibleTo(staff);
        if (figures is not null)
        {
            q = figures.Apply(q, now, v) ?? q;
        }

        if (!v.IsValid)
        {
            return null;
        }

        if (statuses.Count > 0)
        {
            q = q.Where(c => statuses.Contains(c.Status));
        }

        if (agencyId is not null)
        {
            q = q.Where(c => c.LeadAgencyId == agencyId);
        }

        if (categoryId is not null)
        {
            q = q.Where(c => c.CategoryId == categoryId);
        }

        if (channel is not null)
        {
            q = q.Where(c => c.Channel == channel);
        }

        if (query.Overdue is { } overdue)
        {
            q = overdue ? q.Where(c => c.NextDueAt < now) : q.Where(c => c.NextDueAt == null || c.NextDueAt >= now);
        }

        if (query.Flagged is { } flagged)
        {
            var threshold = sla.Value.ForwardFlagThreshold;
            q = flagged ? q.Where(c => c.ForwardCount > threshold) : q.Where(c => c.ForwardCount <= threshold);
        }

        if (query.Imported is { } imported)
        {
            q = q.Where(c => c.IsImported == imported);
        }

        if (query.Flag is not null)
        {
            q = q.Where(c => c.OmbudsmanFlaggedAt != null);
        }

        Func<IQueryable<Complaint>, IOrderedQueryable<Complaint>> order = sort switch
        {
            "oldest" => l => l.OrderBy(c => c.SubmittedAt).ThenBy(c => c.Id),
            "due" => l => l.OrderBy(c => c.DueOrder).ThenBy(c => c.Id),
            "updated" => l => l.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id),
            _ => l => l.OrderByDescending(c => c.SubmittedAt).ThenByDescending(c => c.Id),
        };

        // Counting every match of a broad filter at a million reports costs more than the page itself:
        // the count stops at MaxCount (a text search at MaxSearchCount), and the page says when there are more.
        CappedCount count;
        if (text is null)
        {
            count = await CappedCount.OfAsync(q, MaxCount, ct);
        }
        else
        {
            // Only the whole city's list without a filter is held by an index in its order alone; "updated" by none.
            var held = sort == "updated" ? OrderHeld.ByNoIndex
                : staff.IsCityWide && (figures is null || figures.IsEmpty) && statuses.Count == 0 && agencyId is null && categoryId is null
                    && channel is null && query.Overdue is null && query.Flagged is null && query.Imported is null && query.Flag is null
                    ? OrderHeld.ByAnIndexWithEveryFilter
                    : OrderHeld.ByAnIndex;
            (q, count) = await q.SearchAsync(db, text, order, held, MaxSearchCount, page * pageSize, ct);
        }

        q = order(q);
        var rows = await q.Skip((page - 1) * pageSize).Take(pageSize).Select(c => new
        {
            c.TrackingCode, c.Title, Excerpt = c.Text.Substring(0, 160), c.Status, c.Kind, c.Privacy, c.Priority, c.Channel,
            CategoryCode = c.Category!.Code, CategoryName = c.Category.Name, c.LeadAgencyId, c.SubmittedAt, c.UpdatedAt,
            c.NextDueAt, c.ForwardCount, c.Location.Kecamatan, c.Location.Latitude, c.Location.Longitude,
            // Which clock that deadline is (an urgent report's hour clock reads differently from a resolution's days).
            NextDueClock = c.Clocks.Where(k => k.StoppedAt == null && k.DueAt == c.NextDueAt
                    && k.Kind != SlaClockKind.ReporterReply && k.Kind != SlaClockKind.DeferralAnswer)
                .Select(k => (SlaClockKind?)k.Kind).FirstOrDefault(),
        }).ToListAsync(ct);

        var items = rows.Select(r => new StaffComplaintListItem(
            r.TrackingCode, r.Title, r.Excerpt, r.Status.ToString(), presenter.StatusLabel(r.Status), r.Kind.ToString(),
            r.Privacy.ToString(), r.Priority.ToString(), r.Channel.ToString(),
            r.CategoryCode is null ? null : new CodeName(r.CategoryCode, r.CategoryName),
            ComplaintPresenter.AgencyOf(byId, r.LeadAgencyId), r.SubmittedAt, r.UpdatedAt, r.NextDueAt,
            r.NextDueAt < now, r.ForwardCount, r.NextDueClock?.ToString(), r.Kecamatan, r.Latitude, r.Longitude)).ToList();
        return count.Page(items, page, pageSize);
    }
}
