using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Support;

/// <summary>What the planner (SQLite's, or PostgreSQL's) does with a query, and the migrations a plan depends on: for the plan tests.</summary>
public static class QueryPlans
{
    /// <summary>The lines of <c>EXPLAIN QUERY PLAN</c> (PostgreSQL: <c>EXPLAIN</c>) for the query, joined by newlines (the connection is opened if closed).</summary>
    public static async Task<string> ExplainAsync<T>(DbContext db, IQueryable<T> query)
    {
        await using var command = query.CreateDbCommand();
        return await ExplainAsync(db, command);
    }

    /// <summary>As above, for a statement EF ran (see <see cref="CommandRecorder"/>), with its parameters' values.</summary>
    public static async Task<string> ExplainAsync(DbContext db, RecordedCommand recorded)
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = recorded.Text;
        foreach (var (name, value) in recorded.Parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return await ExplainAsync(db, command);
    }

    private static async Task<string> ExplainAsync(DbContext db, System.Data.Common.DbCommand command)
    {
        // SQLite: the fourth column of EXPLAIN QUERY PLAN; PostgreSQL: the one column of EXPLAIN, without the costs.
        var postgres = db.Database.IsNpgsql();
        command.CommandText = (postgres ? "EXPLAIN (COSTS OFF) " : "EXPLAIN QUERY PLAN ") + command.CommandText;
        await db.Database.OpenConnectionAsync();
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(postgres ? 0 : 3));
        }

        return string.Join("\n", lines);
    }

    /// <summary>The text of the one migration of a provider ("Sqlite", "Postgres") whose file name ends with <paramref name="name"/>.</summary>
    public static string Migration(string provider, string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Aduan.slnx")))
        {
            dir = dir.Parent;
        }

        var root = dir?.FullName ?? throw new InvalidOperationException("Aduan.slnx not found above " + AppContext.BaseDirectory);
        var folder = Path.Combine(root, "src", "Aduan", "Data", "Migrations", provider);
        return File.ReadAllText(Directory.GetFiles(folder, "*_" + name + ".cs").Single());
    }
}
