using System.Text;
using Aduan.Complaints;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Data;

/// <summary>
/// Full-text search over title and text through SQLite FTS5 (the ComplaintSearch table, kept in
/// step by triggers; see the AddComplaintSearch migration). Every word of the query must match,
/// as a prefix; the user's text is quoted, so FTS syntax and SQL metacharacters are just text.
/// </summary>
public static class ComplaintSearch
{
    public static IQueryable<Complaint> Matching(this IQueryable<Complaint> query, AduanDbContext db, string text)
    {
        var match = ToFtsQuery(text);
        if (match.Length == 0)
        {
            return query.Where(_ => false);
        }

        var ids = db.Database.SqlQuery<long>($"SELECT rowid AS Value FROM ComplaintSearch WHERE ComplaintSearch MATCH {match}");
        return query.Where(c => ids.Contains(c.Id));
    }

    public static string ToFtsQuery(string text)
    {
        var sb = new StringBuilder();
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(10))
        {
            var clean = new string(word.Where(char.IsLetterOrDigit).ToArray());
            if (clean.Length > 0)
            {
                sb.Append(sb.Length == 0 ? "" : " ").Append('"').Append(clean).Append("\"*");
            }
        }

        return sb.ToString();
    }
}
