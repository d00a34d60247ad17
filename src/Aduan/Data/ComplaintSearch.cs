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
/// Initial migration; ComplaintPublicSearch, by PublicSearch). PostgreSQL: generated tsvector columns
/// with GIN indexes. Every word of the query must match, as a prefix. Only letters and digits of the
/// query are used, and as a parameter, so search syntax and SQL metacharacters are just text.
/// </summary>
public static class ComplaintSearch
{
    /// <summary>For staff: the whole title and text.</summary>
    public static IQueryable<Complaint> Matching(this IQueryable<Complaint> query, AduanDbContext db, string text) =>
        Matching(query, db, text, publicTexts: false);

    /// <summary>For the public and citizens: only what the public may read.</summary>
    public static IQueryable<Complaint> MatchingPublicText(this IQueryable<Complaint> query, AduanDbContext db, string text) =>
        Matching(query, db, text, publicTexts: true);

    private static IQueryable<Complaint> Matching(IQueryable<Complaint> query, AduanDbContext db, string text, bool publicTexts)
    {
        var words = Words(text);
        if (words.Count == 0)
        {
            return query.Where(_ => false);
        }

        if (db is PostgresAduanDbContext)
        {
            var tsQuery = string.Join(" & ", words.Select(w => w + ":*"));
            var vector = publicTexts ? PostgresAduanDbContext.PublicSearchVector : PostgresAduanDbContext.SearchVector;
            return query.Where(c => EF.Property<NpgsqlTsVector>(c, vector).Matches(EF.Functions.ToTsQuery("simple", tsQuery)));
        }

        var match = string.Join(" ", words.Select(w => $"\"{w}\"*"));
        var ids = publicTexts
            ? db.Database.SqlQuery<long>($"SELECT rowid AS Value FROM ComplaintPublicSearch WHERE ComplaintPublicSearch MATCH {match}")
            : db.Database.SqlQuery<long>($"SELECT rowid AS Value FROM ComplaintSearch WHERE ComplaintSearch MATCH {match}");
        return query.Where(c => ids.Contains(c.Id));
    }

    private static List<string> Words(string text) => text
        .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
        .Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant())
        .Where(w => w.Length > 0)
        .Take(10)
        .ToList();
}
