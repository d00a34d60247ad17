using Aduan.Complaints;
using Aduan.Data.Postgres;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace Aduan.Data;

/// <summary>
/// Full-text search, in two indexes: staff search the title and text as written; the public searches
/// only <see cref="Complaint.PublicTitle"/> and <see cref="Complaint.PublicText"/>, the masked texts it
/// may read, so that a search cannot tell which report holds a phone number, NIK or e-mail address the
/// page shows masked. SQLite: FTS5 tables kept in step by triggers (ComplaintSearch, created by the
/// Initial migration; ComplaintPublicSearch, by PublicSearch, holding only the published reports since
/// PublicSearchOfPublished, so intake does not index a new report's masked texts). PostgreSQL: generated tsvector columns
/// with GIN indexes. Every word of the query must match, as a prefix (the duplicate search's, whole). Only
/// letters and digits of the query are used, and as a parameter, so search syntax and SQL metacharacters are just text.
/// </summary>
public static class ComplaintSearch
{
    /// <summary>For staff: the whole title and text.</summary>
    public static IQueryable<Complaint> Matching(this IQueryable<Complaint> query, AduanDbContext db, string text) =>
        Matching(query, db, text, publicTexts: false);

    /// <summary>For the public and citizens: only what the public may read.</summary>
    public static IQueryable<Complaint> MatchingPublicText(this IQueryable<Complaint> query, AduanDbContext db, string text) =>
        Matching(query, db, text, publicTexts: true);

    /// <summary>Above this many matching texts, a list newest first walks its own index instead of reading every match.</summary>
    public const int FewMatches = 2_000;

    /// <summary>For the public, as <see cref="MatchingAsync(IQueryable{Complaint}, AduanDbContext, string, CancellationToken)"/>.</summary>
    public static Task<IQueryable<Complaint>> MatchingPublicTextAsync(this IQueryable<Complaint> query, AduanDbContext db,
        string text, CancellationToken ct) => MatchingAsync(query, db, text, publicTexts: true, ct);

    /// <summary>
    /// For staff, read a page at a time in an indexed order: as <see cref="Matching(IQueryable{Complaint}, AduanDbContext, string)"/>,
    /// but on SQLite it first counts the matching texts, up to <see cref="FewMatches"/>. Few: the matches are read by id, as
    /// before. Many (a common word, 40,000 matches for "jalan rusak" at a million reports): the list's index is walked in its
    /// order and each report looked up among the matches, so a page stops after a few hundred index entries instead of
    /// reading and sorting every match. The id is written <c>Id + 0</c> for that: SQLite then cannot use the matches to
    /// drive the read by primary key. PostgreSQL plans this itself.
    /// </summary>
    public static Task<IQueryable<Complaint>> MatchingAsync(this IQueryable<Complaint> query, AduanDbContext db, string text,
        CancellationToken ct) => MatchingAsync(query, db, text, publicTexts: false, ct);

    private static async Task<IQueryable<Complaint>> MatchingAsync(IQueryable<Complaint> query, AduanDbContext db, string text,
        bool publicTexts, CancellationToken ct)
    {
        var words = Words(text);
        if (db is PostgresAduanDbContext || words.Count == 0)
        {
            return Matching(query, db, text, publicTexts);
        }

        var ids = MatchingIds(db, Match(words), publicTexts);
        return await ids.Take(FewMatches + 1).CountAsync(ct) > FewMatches
            ? query.Where(c => ids.Contains(c.Id + 0))
            : query.Where(c => ids.Contains(c.Id));
    }

    /// <summary>How many of a list's first entries, in its own order, a search on PostgreSQL looks through before its full-text index.</summary>
    public const int SearchWindow = 20_000;

    /// <summary>
    /// A list searched for <paramref name="text"/> in the staff's texts, and its count up to <paramref name="max"/>, for a
    /// list in <paramref name="order"/>; the caller orders the matches and reads its page, which ends at the
    /// <paramref name="pageEnd"/>th entry. <paramref name="held"/>: what holds that order, which decides how the search
    /// may walk it.
    /// </summary>
    public static Task<(IQueryable<Complaint> Matches, CappedCount Count)> SearchAsync(this IQueryable<Complaint> query,
        AduanDbContext db, string text, Func<IQueryable<Complaint>, IOrderedQueryable<Complaint>> order, OrderHeld held, int max,
        int pageEnd, CancellationToken ct) =>
        SearchAsync(query, db, text, publicTexts: false, order, held, max, pageEnd, SearchWindow, ct);

    /// <summary>As <see cref="SearchAsync(IQueryable{Complaint}, AduanDbContext, string, Func{IQueryable{Complaint}, IOrderedQueryable{Complaint}}, OrderHeld, int, int, CancellationToken)"/>, in what the public may read.</summary>
    public static Task<(IQueryable<Complaint> Matches, CappedCount Count)> SearchPublicTextAsync(this IQueryable<Complaint> query,
        AduanDbContext db, string text, Func<IQueryable<Complaint>, IOrderedQueryable<Complaint>> order, OrderHeld held, int max,
        int pageEnd, CancellationToken ct) =>
        SearchAsync(query, db, text, publicTexts: true, order, held, max, pageEnd, SearchWindow, ct);

    /// <summary>
    /// SQLite: <see cref="MatchingAsync(IQueryable{Complaint}, AduanDbContext, string, CancellationToken)"/> and a count.
    /// PostgreSQL plans a search by its estimate of how many texts match, and a prefix's estimate can be far off either
    /// way: at a million reports a word in no report ("zzqx") was thought common, so the page walked the whole list in its
    /// order looking for matches (1.3 to 2 s), and the count of a common pair ("jalan rusak", 52,729 matches) built GIN's
    /// bitmap of every match before its limit applied (110 to 230 ms). So, when <paramref name="held"/> allows, the search
    /// first looks through the list's <paramref name="window"/> (<see cref="SearchWindow"/>) first entries in its order, a
    /// bounded walk (20 ms warm): more than <paramref name="max"/> matches there, and the list is "more than max", its page
    /// read from that walk when the window holds it. Otherwise the matches are read from the full-text index, at most
    /// <paramref name="max"/> + 1 ids: few, and the page is read by those ids; more (matches spread thinly over the years),
    /// and it is "more than max", its page read from the walk when the window holds it.
    /// </summary>
    internal static async Task<(IQueryable<Complaint> Matches, CappedCount Count)> SearchAsync(IQueryable<Complaint> query,
        AduanDbContext db, string text, bool publicTexts, Func<IQueryable<Complaint>, IOrderedQueryable<Complaint>> order,
        OrderHeld held, int max, int pageEnd, int window, CancellationToken ct)
    {
        if (db is not PostgresAduanDbContext)
        {
            var found = held == OrderHeld.ByNoIndex
                ? Matching(query, db, text, publicTexts)
                : await MatchingAsync(query, db, text, publicTexts, ct);
            return (found, await CappedCount.OfAsync(found, max, ct));
        }

        var matches = Matching(query, db, text, publicTexts);
        var inWindow = Matching(order(query).Take(window), db, text, publicTexts);
        var first = held != OrderHeld.ByAnIndexWithEveryFilter ? 0 : await inWindow.Take(Math.Max(max + 1, pageEnd)).CountAsync(ct);
        if (first > max)
        {
            return (first >= pageEnd ? inWindow : matches, new CappedCount(max, Capped: true));
        }

        var ids = await BitmapOnlyAsync(db, () => matches.Select(c => c.Id).Take(max + 1).ToListAsync(ct), ct);
        if (ids.Count <= max)
        {
            return (query.Where(c => ids.Contains(c.Id)), new CappedCount(ids.Count, Capped: false));
        }

        return (first >= pageEnd ? inWindow : matches, new CappedCount(max, Capped: true));
    }

    /// <summary>
    /// PostgreSQL: runs <paramref name="read"/> with only bitmap scans allowed, so that matches are read from the full-text
    /// index. With a limit and a prefix thought common, the planner preferred a scan of the table that stops at the
    /// limit; when the words were in no report, or none in the filtered part, that read every row (1.1 s at a million
    /// reports, "lampu" among road reports). The settings are the transaction's own (SET LOCAL); inside a caller's
    /// transaction they would outlive the read, so there the planner decides.
    /// </summary>
    private static async Task<T> BitmapOnlyAsync<T>(AduanDbContext db, Func<Task<T>> read, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null || System.Transactions.Transaction.Current is not null)
        {
            return await read();
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off", ct);
        var result = await read();
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>The ids of the reports whose texts (staff's or the public's) match, from SQLite's full-text table.</summary>
    private static IQueryable<long> MatchingIds(AduanDbContext db, string match, bool publicTexts) => publicTexts
        ? db.Database.SqlQuery<long>($"SELECT rowid AS Value FROM ComplaintPublicSearch WHERE ComplaintPublicSearch MATCH {match}")
        : db.Database.SqlQuery<long>($"SELECT rowid AS Value FROM ComplaintSearch WHERE ComplaintSearch MATCH {match}");

    private static string Match(IEnumerable<string> words, bool prefixes = true) =>
        string.Join(" ", words.Select(w => prefixes ? $"\"{w}\"*" : $"\"{w}\""));

    private static IQueryable<Complaint> Matching(IQueryable<Complaint> query, AduanDbContext db, string text, bool publicTexts,
        bool prefixes = true)
    {
        var words = Words(text);
        if (words.Count == 0)
        {
            return query.Where(_ => false);
        }

        if (db is PostgresAduanDbContext)
        {
            var tsQuery = string.Join(" & ", words.Select(w => prefixes ? w + ":*" : w));
            var vector = SearchVector(publicTexts);
            return query.Where(c => EF.Property<NpgsqlTsVector>(c, vector).Matches(EF.Functions.ToTsQuery("simple", tsQuery)));
        }

        var ids = MatchingIds(db, Match(words, prefixes), publicTexts);
        return query.Where(c => ids.Contains(c.Id));
    }

    /// <summary>
    /// The newest <paramref name="max"/> reports (by id) submitted from <paramref name="since"/> to
    /// <paramref name="until"/> whose texts (staff's or the public's) hold every word of <paramref name="text"/>
    /// whole, as a query to project from (the rows are read once, by the search itself): a bounded read, however
    /// common the words. SQLite reads the full-text index backwards between the smallest and the largest id of the
    /// period (one read of the SubmittedAt index alone), stops at <paramref name="max"/> and looks the rows up by
    /// key; PostgreSQL combines its GIN index, read for the first word only (the rarest, to be cheap), with the period's.
    /// </summary>
    /// <remarks>
    /// Whole words, not prefixes as in the lists' search: FTS5 answers a prefix by merging the complete lists of
    /// every word that starts with it before the id range can cut them, so a word in half the reports
    /// ("kelurahan" at a million: 560,774) cost 50 to 80 ms; the whole word is read from the range alone (7 ms).
    /// </remarks>
    public static async Task<IQueryable<Complaint>> NewestMatchingAsync(AduanDbContext db, string text, bool publicTexts,
        DateTimeOffset since, DateTimeOffset until, int max, CancellationToken ct)
    {
        var words = Words(text);
        if (words.Count == 0)
        {
            return db.Complaints.Where(_ => false);
        }

        if (db is PostgresAduanDbContext)
        {
            // The first word from the GIN index, the others checked on the rows it and the period's index leave: written
            // as `(vector || '') @@ query`, which no index serves. Asked of the index together, two words of one name
            // ("kaliabang & tengah") were estimated as independent, a hundred times too few, and the planner then read
            // all 12,000 matches of the city from the table instead of combining them with the period's index (160 ms
            // warm at a million reports, 450 ms cold; 36 ms now).
            var query = Matching(db.Complaints.Where(c => c.SubmittedAt >= since && c.SubmittedAt <= until), db, words[0], publicTexts,
                prefixes: false);
            if (words.Count > 1)
            {
                var vector = SearchVector(publicTexts);
                var others = string.Join(" & ", words.Skip(1));
                query = query.Where(c => EF.Property<NpgsqlTsVector>(c, vector).Concat(EF.Functions.ToTsVector("simple", ""))
                    .Matches(EF.Functions.ToTsQuery("simple", others)));
            }

            return query.OrderByDescending(c => c.Id).Take(max);
        }

        // The period's smallest and largest id in one read of the SubmittedAt index (instants as SQLite stores them).
        var (from, to) = (since.UtcTicks, until.UtcTicks);
        var range = await db.Database.SqlQuery<IdRange>(
            $"SELECT min(Id) AS Lo, max(Id) AS Hi FROM Complaints WHERE SubmittedAt BETWEEN {from} AND {to}").SingleAsync(ct);
        if (range is not { Lo: { } lo, Hi: { } hi })
        {
            return db.Complaints.Where(_ => false);
        }

        var match = Match(words, prefixes: false);
        var ids = publicTexts
            ? db.Database.SqlQuery<long>($"""
                SELECT rowid AS Value FROM ComplaintPublicSearch WHERE ComplaintPublicSearch MATCH {match} AND rowid BETWEEN {lo} AND {hi}
                ORDER BY rowid DESC LIMIT {max}
                """)
            : db.Database.SqlQuery<long>($"""
                SELECT rowid AS Value FROM ComplaintSearch WHERE ComplaintSearch MATCH {match} AND rowid BETWEEN {lo} AND {hi}
                ORDER BY rowid DESC LIMIT {max}
                """);
        return db.Complaints.Where(c => ids.Contains(c.Id));
    }

    private sealed record IdRange(long? Lo, long? Hi);

    /// <summary>
    /// PostgreSQL: the most common words of the staff's or the public's search column, each with the share of reports
    /// that hold it, from the statistics ANALYZE keeps for the planner (<c>pg_stats.most_common_elems</c>, the most
    /// common thousand or so at the default statistics target): a word not among them is rarer than every one of
    /// them. Empty on SQLite and before the table's first ANALYZE. One read of a catalogue view; cache it.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, double>> CommonWordsAsync(AduanDbContext db, bool publicTexts,
        CancellationToken ct)
    {
        if (db is not PostgresAduanDbContext)
        {
            return new Dictionary<string, double>();
        }

        // The frequencies array ends with more figures than there are words (the least and the most): no word pairs with them.
        var column = SearchVector(publicTexts);
        var table = db.Model.FindEntityType(typeof(Complaint))!.GetTableName()!;
        var rows = await db.Database.SqlQuery<WordShare>($"""
            SELECT u.w AS "Word", u.f AS "Share"
            FROM pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS u(w, f)
            WHERE s.schemaname = current_schema() AND s.tablename = {table} AND s.attname = {column} AND u.w IS NOT NULL
            """).ToListAsync(ct);
        return rows.GroupBy(r => r.Word, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (double)g.Max(r => r.Share), StringComparer.Ordinal);
    }

    private sealed record WordShare(string Word, float Share);

    /// <summary>PostgreSQL: the column of the staff's texts or of the public's.</summary>
    private static string SearchVector(bool publicTexts) =>
        publicTexts ? PostgresAduanDbContext.PublicSearchVector : PostgresAduanDbContext.SearchVector;

    private static List<string> Words(string text) => Tokens(text).Distinct().Take(10).ToList();

    /// <summary>
    /// The words of a text as the full-text indexes cut it: runs of letters and digits, lower case ("Gorong-gorong"
    /// is "gorong" twice, "jl.margahayu" is "jl" and "margahayu"), so that a query's word is one the index holds.
    /// </summary>
    public static IEnumerable<string> Tokens(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                start = start < 0 ? i : start;
            }
            else if (start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }
}

/// <summary>What holds a searched list's order, which decides how a search may walk it (<see cref="ComplaintSearch.SearchAsync(IQueryable{Complaint}, AduanDbContext, string, Func{IQueryable{Complaint}, IOrderedQueryable{Complaint}}, OrderHeld, int, int, CancellationToken)"/>).</summary>
public enum OrderHeld
{
    /// <summary>No index ("recently updated"): the matches are read from the full-text index and sorted.</summary>
    ByNoIndex,

    /// <summary>
    /// An index, but a scope or filter is checked row by row along it: PostgreSQL walked the submission index checking each
    /// row's scope or filter, not the filter's own published index (171,331 rows for 20,000 road reports), so a list's
    /// first entries could be a walk of the whole table.
    /// </summary>
    ByAnIndex,

    /// <summary>An index with every filter (an unfiltered list): a search may look through the list's first entries.</summary>
    ByAnIndexWithEveryFilter,
}
