using System.Linq.Expressions;
using Aduan.Agencies;
using Aduan.Categories;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Transparency;

public sealed record RegisterQuery(
    string? Q = null, string? Agency = null, string? Category = null, string? Kecamatan = null, string? Status = null,
    DateOnly? From = null, DateOnly? To = null, int Page = 1);

public sealed record RegisterItem(
    string TrackingCode, string Title, string Excerpt, ComplaintStatus Status, string StatusLabel, CodeName? Category,
    CodeName? Agency, string? Kecamatan, DateTimeOffset SubmittedAt, double? Latitude, double? Longitude, string? ReporterName = null);

public static class Publication
{
    /// <summary>The one rule of what the public may see: verified (see <see cref="PublicRegister.PublishedStatuses"/>) and not Confidential.</summary>
    public static IQueryable<Complaint> WherePublished(this IQueryable<Complaint> q) => q.Where(Rule);

    /// <summary>The same rule in memory, for rows already read (the duplicate search checks its index reads with it).</summary>
    public static bool IsPublished(ComplaintStatus status, PrivacyMode privacy) =>
        privacy != PrivacyMode.Confidential && !Unpublished.Contains(status);

    /// <summary>The states never published: every other one than <see cref="PublicRegister.PublishedStatuses"/>.</summary>
    private static readonly ComplaintStatus[] Unpublished = Enum.GetValues<ComplaintStatus>().Except(PublicRegister.PublishedStatuses).ToArray();

    /// <summary>
    /// <c>Privacy &lt;&gt; 'Confidential' AND Status &lt;&gt; 'Submitted' AND …</c>, with constants, word for word the
    /// condition of the published reports' partial indexes (<see cref="IndexFilter"/>): SQLite uses a partial index only
    /// for a query that repeats its condition. Written as the states excluded on purpose: an <c>IN</c> of the published states would
    /// also match the <c>(Status, SubmittedAt)</c> index, which SQLite without statistics prefers, reading every
    /// published report and sorting them for each page of the register and each batch of the open data.
    /// </summary>
    private static readonly Expression<Func<Complaint, bool>> Rule = BuildRule();

    /// <summary>The condition of the published reports' partial indexes (<c>IX_Complaints_Published</c>, <c>…ByAgency</c>, <c>…ByCategory</c>, <c>…ByKecamatan</c>, <c>…ByStatus</c>), in SQL.</summary>
    public static string IndexFilter =>
        string.Join(" AND ", Unpublished.Select(s => $"\"Status\" <> '{s}'").Prepend($"\"Privacy\" <> '{PrivacyMode.Confidential}'"));

    private static Expression<Func<Complaint, bool>> BuildRule()
    {
        var c = Expression.Parameter(typeof(Complaint), "c");
        var status = Expression.Property(c, nameof(Complaint.Status));
        var body = Unpublished.Select(s => (Expression)Expression.NotEqual(status, Expression.Constant(s)))
            .Prepend(Expression.NotEqual(Expression.Property(c, nameof(Complaint.Privacy)), Expression.Constant(PrivacyMode.Confidential)))
            .Aggregate(Expression.AndAlso);
        return Expression.Lambda<Func<Complaint, bool>>(body, c);
    }
}

/// <summary>
/// The public register: what the city publishes and how it is filtered. A report is published once a
/// manager verified it (dispatched to an agency or referred upstream), unless it is Confidential.
/// Submitted and Deferred reports are not verified yet; Archived ones are spam or unclear; Merged ones
/// live on in their primary. Every text passes <see cref="PersonalDataMask"/>, and the search looks only
/// at the masked texts; no reporter field is read except the name of a reporter who chose to be named on
/// a public report (<see cref="Complaint.NamePublished"/>, masked too); coordinates are rounded to about 100 m.
/// </summary>
public sealed class PublicRegister(AduanDbContext db, AgencyDirectory agencies, CategoryCatalog categories,
    ComplaintPresenter presenter, IOptions<SlaOptions> sla)
{
    public const int PageSize = 20;
    public const int MaxPage = 500;
    public const int MaxCount = 10_000;

    /// <summary>How far a text search counts its matches; beyond, the register says "more than 500" (narrow it with a filter), as the staff list.</summary>
    public const int MaxSearchCount = StaffComplaintList.MaxSearchCount;
    public const int ExcerptLength = 200;

    public static readonly IReadOnlyList<ComplaintStatus> PublishedStatuses =
        [ComplaintStatus.Dispatched, ComplaintStatus.InProgress, ComplaintStatus.FollowedUp, ComplaintStatus.Resolved, ComplaintStatus.Referred];

    /// <summary>Every published report; the one place that decides what the public may see.</summary>
    public IQueryable<Complaint> Published() => db.Complaints.AsNoTracking().WherePublished();

    /// <summary>About 100 m: enough to see the street, not the house.</summary>
    public static double? Round(double? coordinate) => coordinate is { } v ? Math.Round(v, 3) : null;

    public static string Excerpt(string text)
    {
        // Mask first, then cut: a cut number would no longer look like one.
        var masked = PersonalDataMask.Apply(text) ?? "";
        return masked.Length <= ExcerptLength ? masked : masked[..ExcerptLength].TrimEnd() + "…";
    }

    public const int HeadlineLength = 60;

    /// <summary>
    /// What happened, for a report without a title: the first words of its (already masked) text, cut
    /// at a word, at most <see cref="HeadlineLength"/> characters. Null for an empty text.
    /// </summary>
    public static string? Headline(string? maskedText)
    {
        var text = string.Join(' ', (maskedText ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length == 0)
        {
            return null;
        }

        if (text.Length <= HeadlineLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', HeadlineLength);
        return text[..(cut > HeadlineLength / 2 ? cut : HeadlineLength)].TrimEnd(',', '.', ';', ':', ' ') + "…";
    }

    public async Task<PagedList<RegisterItem>> FindAsync(RegisterQuery query, CancellationToken ct)
    {
        var page = Math.Clamp(query.Page, 1, MaxPage);
        var q = await FilterAsync(Published(), query, ct);
        CappedCount count;
        if (string.IsNullOrWhiteSpace(query.Q))
        {
            count = await CappedCount.OfAsync(q, MaxCount, ct);
        }
        else
        {
            // A search counts less far; only the unfiltered register may look through its newest entries first.
            var held = query with { Q = null, Page = 1 } == new RegisterQuery() ? OrderHeld.ByAnIndexWithEveryFilter : OrderHeld.ByAnIndex;
            (q, count) = await q.SearchPublicTextAsync(db, SearchText(query.Q), NewestFirst, held, MaxSearchCount, page * PageSize, ct);
        }

        var rows = await NewestFirst(q)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(c => new Row(c.TrackingCode, c.Title, c.Text, c.Status, c.CategoryId, c.LeadAgencyId,
                c.Location.Kecamatan, c.SubmittedAt, c.Location.Latitude, c.Location.Longitude,
                c.NamePublished && c.Privacy == PrivacyMode.Public ? c.Reporter.Name : null))
            .ToListAsync(ct);
        var items = await ToItemsAsync(rows, ct);
        return count.Page(items, page, PageSize);
    }

    private static string SearchText(string q) => q.Length > 200 ? q[..200] : q;

    /// <summary>The register's order, which <c>IX_Complaints_Published</c> holds, and each filter's published index after its key.</summary>
    internal static IOrderedQueryable<Complaint> NewestFirst(IQueryable<Complaint> q) =>
        q.OrderByDescending(c => c.SubmittedAt).ThenByDescending(c => c.Id);

    internal sealed record Row(string TrackingCode, string? Title, string Text, ComplaintStatus Status, long? CategoryId,
        long? LeadAgencyId, string? Kecamatan, DateTimeOffset SubmittedAt, double? Latitude, double? Longitude,
        string? ConsentedName);

    internal async Task<List<RegisterItem>> ToItemsAsync(IEnumerable<Row> rows, CancellationToken ct)
    {
        var byId = await agencies.GetAsync(ct);
        var categoryById = (await categories.GetAsync(ct)).Values.ToDictionary(c => c.Id);
        return rows.Select(r =>
        {
            var category = r.CategoryId is { } id && categoryById.TryGetValue(id, out var cat) ? new CodeName(cat.Code, cat.Name) : null;
            var title = PersonalDataMask.Apply(r.Title) ?? Headline(PersonalDataMask.Apply(r.Text)) ?? category?.Name ?? r.TrackingCode;
            return new RegisterItem(r.TrackingCode, title, Excerpt(r.Text), r.Status, presenter.StatusLabel(r.Status), category,
                ComplaintPresenter.AgencyOf(byId, r.LeadAgencyId), r.Kecamatan, r.SubmittedAt, Round(r.Latitude), Round(r.Longitude),
                PersonalDataMask.Apply(r.ConsentedName));
        }).ToList();
    }

    /// <summary>
    /// The published reports with a pin, newest first, of <paramref name="query"/> for the map. Its search is left to the
    /// planner: with the pin's condition PostgreSQL's estimates served it (at a million reports a word in no report 4 ms,
    /// "jalan rusak" 520 ms), and the register's way (<see cref="ComplaintSearch.SearchPublicTextAsync"/>) cost more on both.
    /// </summary>
    public async Task<IQueryable<Complaint>> PinnedAsync(RegisterQuery query, CancellationToken ct)
    {
        var q = (await FilterAsync(Published(), query, ct)).Where(c => c.Location.Latitude != null && c.Location.Longitude != null);
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            q = await q.MatchingPublicTextAsync(db, SearchText(query.Q), ct);
        }

        return NewestFirst(q);
    }

    /// <summary>
    /// Filters that map onto the report table's indexes (agency, category, status, period); unknown values are ignored.
    /// Not the text search (<see cref="RegisterQuery.Q"/>): <see cref="FindAsync"/> and <see cref="PinnedAsync"/> search.
    /// </summary>
    public async Task<IQueryable<Complaint>> FilterAsync(IQueryable<Complaint> q, RegisterQuery query, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(query.Agency)
            && (await agencies.GetAsync(ct)).Values.FirstOrDefault(a => string.Equals(a.Code, query.Agency.Trim(), StringComparison.OrdinalIgnoreCase)) is { } agency)
        {
            q = q.Where(c => c.LeadAgencyId == agency.Id);
        }

        if (!string.IsNullOrWhiteSpace(query.Category) && await categories.FindAsync(query.Category, ct) is { } category)
        {
            q = q.Where(c => c.CategoryId == category.Id);
        }

        if (!string.IsNullOrWhiteSpace(query.Kecamatan))
        {
            var kecamatan = query.Kecamatan.Trim();
            q = q.Where(c => c.Location.Kecamatan == kecamatan);
        }

        if (Enum.TryParse<ComplaintStatus>(query.Status, ignoreCase: true, out var status) && PublishedStatuses.Contains(status))
        {
            q = q.Where(c => c.Status == status);
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(sla.Value.TimeZone);
        if (query.From is { } from)
        {
            var start = StartOfDay(from, zone);
            q = q.Where(c => c.SubmittedAt >= start);
        }

        if (query.To is { } to)
        {
            var end = StartOfDay(to.AddDays(1), zone);
            q = q.Where(c => c.SubmittedAt < end);
        }

        return q;
    }

    private static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
