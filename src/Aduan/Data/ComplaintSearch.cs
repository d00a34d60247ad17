using Aduan.Complaints;
using Aduan.Data.Postgres;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace Aduan.Data;

/// <summary>
/// Full-text search over title and text: SQLite FTS5 (the ComplaintSearch table, kept in step by
/// triggers, created at the end of the Sqlite Initial migration) or PostgreSQL's tsvector column
/// with a GIN index. Every word of the query must match, as a prefix. Only letters and digits of the
/// query are used, and as a parameter, so search syntax and SQL metacharacters are just text.
/// </summary>
public static class ComplaintSearch
{
    public static IQueryable<Complaint> Matching(this IQueryable<Complaint> query, AduanDbContext db, string text)
    {
        var words = Words(text);
        if (words.Count == 0)
        {
            return query.Where(_ => false);
        }

        if (db is PostgresAduanDbContext)
        {
            var tsQuery = string.Join(" & ", words.Select(w => w + ":*"));
            return query.Where(c => EF.Property<NpgsqlTsVector>(c, PostgresAduanDbContext.SearchVector)
                .Matches(EF.Functions.ToTsQuery("simple", tsQuery)));
        }

        var match = string.Join(" ", words.Select(w => $"\"{w}\"*"));
        var ids = db.Database.SqlQuery<long>($"SELECT rowid AS Value FROM ComplaintSearch WHERE ComplaintSearch MATCH {match}");
        return query.Where(c => ids.Contains(c.Id));
    }

    private static List<string> Words(string text) => text
        .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
        .Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant())
        .Where(w => w.Length > 0)
        .Take(10)
        .ToList();
}
