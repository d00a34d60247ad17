using Aduan.Complaints;
using Aduan.Data;
using Aduan.Infrastructure;
using Aduan.Transparency;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
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
/// another one only when its text is similar enough. For citizens
/// (<see cref="DuplicateQuery.PublishedOnly"/>) only published reports, compared and shown masked.
/// </summary>
/// <remarks>
/// Bounded at any number of reports: the candidates are first found as ids, from indexes, then only
/// those rows are read, by their primary key. In the area: the open reports of the period in the map
/// cells under the pin's square (<see cref="ComplaintLocation.CellOf"/>; the square is checked on those
/// rows), else in the kecamatan (from its index alone); of them the newest
/// <see cref="TriageOptions.DuplicateCandidates"/> of the category and as many of any category. By
/// text: the newest <see cref="TextMatches"/> full-text matches of two of its words (<see cref="SearchWords"/>)
/// among the reports of the period, of which the newest 50 open ones are kept. On PostgreSQL one of them
/// is the rarest by the planner's word statistics, since its GIN index reads every match of each word;
/// SQLite reads the matches newest first and stops, so the two longest serve there. The ids are written into the SQL
/// as constants, so the planner looks the rows up by key; the texts are read only for the candidates kept.
/// </remarks>
public sealed class DuplicateSearch(AduanDbContext db, IOptions<TriageOptions> options, IMemoryCache cache)
{
    private static readonly ComplaintStatus[] Open = Enum.GetValues<ComplaintStatus>()
        .Where(s => !ComplaintStateMachine.IsClosed(s) && s != ComplaintStatus.Merged).ToArray();

    private const int ExcerptLength = 160;
    private const double MetersPerDegree = 111_320;

    /// <summary>Words of an address, left out of the text search: the area search finds the place.</summary>
    private static readonly HashSet<string> PlaceWords = new(StringComparer.Ordinal)
    {
        "kelurahan", "kecamatan", "perumahan", "kompleks", "komplek", "kampung", "kabupaten", "provinsi",
    };

    /// <summary>The newest full-text matches of the period read (and the newest 50 open ones of them kept).</summary>
    public const int TextMatches = 1000;

    /// <summary>More cells than this (a radius of more than about 2 km) and the area is read through the period's index, the square checked on each row.</summary>
    private const int MaxCells = 100;

    public async Task<IReadOnlyList<DuplicateCandidate>> FindAsync(DuplicateQuery query, int take, CancellationToken ct)
    {
        var o = options.Value;
        var since = query.At - o.DuplicatePeriod;

        // The state, privacy and period are checked here, on what the index reads returned: in the SQL, they would
        // tempt the planner to scan the period's (Status, SubmittedAt) range instead.
        bool Wanted(Key k) => k.Id != query.ExcludeId && k.SubmittedAt >= since && k.SubmittedAt <= query.At && Open.Contains(k.Status)
            && (!query.PublishedOnly || Publication.IsPublished(k.Status, k.Privacy));

        var square = Square(query.Location, o.DuplicateRadiusMeters);
        var area = (await AreaAsync(query.Location, square, since, query.At, ct)).Where(Wanted)
            .OrderByDescending(a => a.SubmittedAt).ThenByDescending(a => a.Id).ToList();
        var ids = new HashSet<long>();
        if (query.CategoryId is { } category)
        {
            ids.UnionWith(area.Where(a => a.CategoryId == category).Take(o.DuplicateCandidates).Select(a => a.Id));
        }

        ids.UnionWith(area.Take(o.DuplicateCandidates).Select(a => a.Id));

        // The same words anywhere in the city: a report pinned a street away, or with no place at all.
        // The words as the index holds them, not as the similarity normalises them ("gorong2", "banjirrr", "jalanan"
        // stay); words of an address say where, not what (the area is searched for that), and are in half the reports.
        // A word the statistics do not name may be rare or may be a typo in no other report: when the rarest word finds
        // nothing, the two longest are asked, as without statistics.
        var rare = string.Join(' ', SearchWords(query.Text, await CommonWordsAsync(query.PublishedOnly, ct)));
        var longest = string.Join(' ', SearchWords(query.Text, NoStatistics));
        var keys = await NewestMatchingAsync(rare, query.PublishedOnly, since, query.At, ct);
        if (keys.Count == 0 && longest != rare)
        {
            keys = await NewestMatchingAsync(longest, query.PublishedOnly, since, query.At, ct);
        }

        // Of the newest matches, the newest 50 open ones: their keys read by the search itself, so the texts read stay few.
        ids.UnionWith(keys.Where(Wanted).OrderByDescending(k => k.SubmittedAt).ThenByDescending(k => k.Id).Take(50).Select(k => k.Id));

        var all = ids.ToList();
        var rows = all.Count == 0 ? [] : await db.Complaints.AsNoTracking().Where(c => EF.Constant(all).Contains(c.Id))
            .Select(c => new Row(c.Id, c.TrackingCode, c.Title, c.Text, c.Status, c.CategoryId, c.Category!.Name, c.Supporters, c.SubmittedAt,
                c.Location.Latitude, c.Location.Longitude, c.Location.Kecamatan))
            .ToListAsync(ct);

        var text = TriageTraining.Join(query.Title, query.Text);
        var profile = new TextSimilarity.Profile(query.PublishedOnly ? PersonalDataMask.Apply(text)! : text);
        var found = new List<DuplicateCandidate>();
        foreach (var r in rows)
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

    /// <summary>
    /// The two words the text search asks for, whole: the rarest by <paramref name="common"/> (a street's or a place's
    /// name rather than "diperbaiki"; a word not in it is rarer than all of them) and the longest of the others; with
    /// no statistics (SQLite), the two longest. Not the two rarest: they are often one name ("Kaliabang Tengah"), and
    /// the second then adds nothing to the first. Words of an address are left out (the area search finds the place),
    /// and so are short ones and those the similarity does not count.
    /// </summary>
    public static IReadOnlyList<string> SearchWords(string text, IReadOnlyDictionary<string, double> common)
    {
        var words = ComplaintSearch.Tokens(text)
            .Where(w => w.Length >= 5 && TextSimilarity.Counts(w) && !PlaceWords.Contains(w)).Distinct()
            .OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal).ToList();
        var rarest = words.MinBy(w => common.GetValueOrDefault(w));
        return rarest is null ? [] : [rarest, .. words.Where(w => w != rarest).Take(1)];
    }

    private static readonly IReadOnlyDictionary<string, double> NoStatistics = new Dictionary<string, double>();

    /// <summary>The keys of the newest <see cref="TextMatches"/> reports of the period whose texts hold these words.</summary>
    private async Task<List<Key>> NewestMatchingAsync(string words, bool publicTexts, DateTimeOffset since, DateTimeOffset until,
        CancellationToken ct)
    {
        if (words.Length == 0)
        {
            return [];
        }

        var matching = await ComplaintSearch.NewestMatchingAsync(db, words, publicTexts, since, until, TextMatches, ct);
        return await matching.Select(c => new Key(c.Id, c.CategoryId, c.SubmittedAt, c.Status, c.Privacy)).ToListAsync(ct);
    }

    /// <summary>The engine's most common words with their shares (<see cref="ComplaintSearch.CommonWordsAsync"/>), read every ten minutes.</summary>
    private async Task<IReadOnlyDictionary<string, double>> CommonWordsAsync(bool publicTexts, CancellationToken ct) =>
        (await cache.GetOrCreateAsync(publicTexts ? "triage:common-words:public" : "triage:common-words", e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
            return ComplaintSearch.CommonWordsAsync(db, publicTexts, ct);
        }))!;

    /// <summary>The square around the pin, in degrees; null without a pin.</summary>
    private static Box? Square(ComplaintLocation l, double radiusMeters)
    {
        if (l.Latitude is not { } lat || l.Longitude is not { } lng)
        {
            return null;
        }

        var dLat = radiusMeters / MetersPerDegree;
        var dLng = dLat / Math.Max(0.1, Math.Cos(lat * Math.PI / 180));
        return new Box(lat - dLat, lat + dLat, lng - dLng, lng + dLng);
    }

    /// <summary>
    /// The reports of the period in the square (found through the map cells under it, the square checked on
    /// those rows), else in the kecamatan (from its index alone); none without a place.
    /// </summary>
    private async Task<List<Key>> AreaAsync(ComplaintLocation l, Box? square, DateTimeOffset since, DateTimeOffset until, CancellationToken ct)
    {
        var period = db.Complaints.Where(c => c.SubmittedAt >= since && c.SubmittedAt <= until);
        IQueryable<Complaint> area;
        if (square is { } s)
        {
            var cells = Cells(s);
            area = (cells.Count <= MaxCells ? period.Where(c => EF.Constant(cells).Contains(c.MapCell)) : period)
                .Where(c => c.Location.Latitude >= s.MinLat && c.Location.Latitude <= s.MaxLat
                    && c.Location.Longitude >= s.MinLng && c.Location.Longitude <= s.MaxLng);
        }
        else if (l.Kecamatan is { } kecamatan)
        {
            area = period.Where(c => c.Location.Kecamatan == kecamatan);
        }
        else
        {
            return [];
        }

        return await area.Select(c => new Key(c.Id, c.CategoryId, c.SubmittedAt, c.Status, c.Privacy)).ToListAsync(ct);
    }

    /// <summary>The map cells the square touches (one more than <see cref="MaxCells"/> when there are more).</summary>
    private static List<long?> Cells(Box s)
    {
        var cells = new List<long?>();
        for (var row = ComplaintLocation.CellRow(s.MinLat); row <= ComplaintLocation.CellRow(s.MaxLat); row++)
        {
            for (var column = ComplaintLocation.CellColumn(s.MinLng); column <= ComplaintLocation.CellColumn(s.MaxLng); column++)
            {
                cells.Add(ComplaintLocation.Cell(row, column));
                if (cells.Count > MaxCells)
                {
                    return cells;
                }
            }
        }

        return cells;
    }

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

    private readonly record struct Box(double MinLat, double MaxLat, double MinLng, double MaxLng);

    /// <summary>What an index read returns of a report: enough to choose the candidates before reading their texts.</summary>
    private sealed record Key(long Id, long? CategoryId, DateTimeOffset SubmittedAt, ComplaintStatus Status, PrivacyMode Privacy);

    private sealed record Row(long Id, string TrackingCode, string? Title, string Text, ComplaintStatus Status, long? CategoryId,
        string? CategoryName, int Supporters, DateTimeOffset SubmittedAt, double? Latitude, double? Longitude, string? Kecamatan);
}
