using Aduan.Complaints;
using Aduan.Data;
using Aduan.Infrastructure;
using Aduan.Transparency;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Triage;

/// <summary>What to look for duplicates of: a new report's text and place, or a stored report's.</summary>
public sealed record DuplicateQuery(string? Title, string Text, long? CategoryId, ComplaintLocation Location, DateTimeOffset At,
    long? ExcludeId = null, bool PublishedOnly = false);

/// <summary>An open report that may be the same problem, with its score (0 to 1, higher is likelier).</summary>
public sealed record DuplicateCandidate(long Id, string TrackingCode, string Excerpt, ComplaintStatus Status, string? Category, int Supporters,
    DateTimeOffset SubmittedAt, double Score, double TextSimilarity, double? DistanceMeters);

/// <summary>
/// The one duplicate search of the portal, the desk and the call center: open reports of the
/// <see cref="TriageOptions.DuplicatePeriod"/> before the report, in its area (within
/// <see cref="TriageOptions.DuplicateRadiusMeters"/> of its pin, else its kecamatan), ranked by a
/// score of text similarity (<see cref="TextSimilarity"/>: word order and typos do not matter),
/// same category and distance. A report of the same category in the area is always a candidate;
/// another one only when its text is similar enough. The candidates are bounded (the newest
/// <see cref="TriageOptions.DuplicateCandidates"/> of the category in the area, as many of any
/// category in the area, and 50 full-text matches) and read through the (CategoryId, SubmittedAt),
/// (Status, SubmittedAt) and full-text indexes: never a scan of all reports. For citizens
/// (<see cref="DuplicateQuery.PublishedOnly"/>) only published reports, compared and shown masked.
/// </summary>
public sealed class DuplicateSearch(AduanDbContext db, IOptions<TriageOptions> options)
{
    private static readonly ComplaintStatus[] Open = Enum.GetValues<ComplaintStatus>()
        .Where(s => !ComplaintStateMachine.IsClosed(s) && s != ComplaintStatus.Merged).ToArray();

    private const int ExcerptLength = 160;
    private const double MetersPerDegree = 111_320;

    public async Task<IReadOnlyList<DuplicateCandidate>> FindAsync(DuplicateQuery query, int take, CancellationToken ct)
    {
        var o = options.Value;
        var since = query.At - o.DuplicatePeriod;
        var recent = db.Complaints.AsNoTracking().Where(c => c.SubmittedAt >= since && c.SubmittedAt <= query.At && Open.Contains(c.Status));
        if (query.PublishedOnly)
        {
            recent = recent.WherePublished();
        }

        if (query.ExcludeId is { } exclude)
        {
            recent = recent.Where(c => c.Id != exclude);
        }

        var inArea = InArea(recent, query.Location, o.DuplicateRadiusMeters);
        var rows = new List<Row>();
        if (inArea is not null)
        {
            if (query.CategoryId is { } category)
            {
                rows.AddRange(await ReadAsync(inArea.Where(c => c.CategoryId == category), o.DuplicateCandidates, ct));
            }

            rows.AddRange(await ReadAsync(inArea, o.DuplicateCandidates, ct));
        }

        // The same words anywhere in the city: a report pinned a street away, or with no place at all.
        var rare = string.Join(' ', TextSimilarity.Words(query.Text).Where(w => w.Length >= 5 && !w.All(char.IsDigit))
            .OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal).Take(2));
        if (rare.Length > 0)
        {
            var matching = query.PublishedOnly ? recent.MatchingPublicText(db, rare) : recent.Matching(db, rare);
            rows.AddRange(await ReadAsync(matching, 50, ct));
        }

        var text = TriageTraining.Join(query.Title, query.Text);
        var profile = new TextSimilarity.Profile(query.PublishedOnly ? PersonalDataMask.Apply(text)! : text);
        var found = new List<DuplicateCandidate>();
        foreach (var r in rows.DistinctBy(r => r.Id))
        {
            var theirs = TriageTraining.Join(r.Title, r.Text);
            if (query.PublishedOnly)
            {
                theirs = PersonalDataMask.Apply(theirs)!;
            }

            var similarity = profile.Similarity(new TextSimilarity.Profile(theirs));
            var distance = Distance(query.Location, r.Latitude, r.Longitude);
            var sameCategory = query.CategoryId is not null && r.CategoryId == query.CategoryId;
            var near = distance is { } d ? d <= o.DuplicateRadiusMeters : query.Location.Kecamatan is { } k && k == r.Kecamatan;
            if (!(sameCategory && near) && similarity < o.DuplicateMinSimilarity)
            {
                continue;
            }

            var closeness = distance is { } m ? Math.Max(0, 1 - (m / o.DuplicateRadiusMeters)) : near ? 0.5 : 0;
            var score = (0.6 * similarity) + (sameCategory ? 0.25 : 0) + (0.15 * closeness);
            found.Add(new DuplicateCandidate(r.Id, r.TrackingCode, Clip(theirs), r.Status, r.CategoryName, r.Supporters, r.SubmittedAt,
                Math.Round(score, 3), Math.Round(similarity, 3), distance is { } dm ? Math.Round(dm) : null));
        }

        return found.OrderByDescending(f => f.Score).ThenByDescending(f => f.SubmittedAt).ThenBy(f => f.Id).Take(take).ToList();
    }

    /// <summary>The reports in a square around the pin (an index range on latitude would need one more index; the square filters the bounded rows), else in the kecamatan; null without a place.</summary>
    private static IQueryable<Complaint>? InArea(IQueryable<Complaint> q, ComplaintLocation l, double radiusMeters)
    {
        if (l.Latitude is { } lat && l.Longitude is { } lng)
        {
            var dLat = radiusMeters / MetersPerDegree;
            var dLng = dLat / Math.Max(0.1, Math.Cos(lat * Math.PI / 180));
            return q.Where(c => c.Location.Latitude >= lat - dLat && c.Location.Latitude <= lat + dLat
                && c.Location.Longitude >= lng - dLng && c.Location.Longitude <= lng + dLng);
        }

        return l.Kecamatan is { } kecamatan ? q.Where(c => c.Location.Kecamatan == kecamatan) : null;
    }

    private static Task<List<Row>> ReadAsync(IQueryable<Complaint> q, int take, CancellationToken ct) =>
        q.OrderByDescending(c => c.SubmittedAt).Take(take)
            .Select(c => new Row(c.Id, c.TrackingCode, c.Title, c.Text, c.Status, c.CategoryId, c.Category!.Name, c.Supporters, c.SubmittedAt,
                c.Location.Latitude, c.Location.Longitude, c.Location.Kecamatan))
            .ToListAsync(ct);

    /// <summary>Metres between the pin and a report's, on a local flat approximation (good to a few metres over a city).</summary>
    private static double? Distance(ComplaintLocation l, double? lat, double? lng)
    {
        if (l.Latitude is not { } a || l.Longitude is not { } b || lat is not { } c || lng is not { } d)
        {
            return null;
        }

        var x = (d - b) * Math.Cos((a + c) / 2 * Math.PI / 180);
        return Math.Sqrt((x * x) + ((c - a) * (c - a))) * MetersPerDegree;
    }

    private static string Clip(string text) => text.Length <= ExcerptLength ? text : text[..ExcerptLength] + "…";

    private sealed record Row(long Id, string TrackingCode, string? Title, string Text, ComplaintStatus Status, long? CategoryId,
        string? CategoryName, int Supporters, DateTimeOffset SubmittedAt, double? Latitude, double? Longitude, string? Kecamatan);
}
