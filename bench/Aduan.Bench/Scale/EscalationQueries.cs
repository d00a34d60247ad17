using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Aduan.Bench.Hosting;
using Aduan.Bench.Load;
using Microsoft.Data.Sqlite;

namespace Aduan.Bench.Scale;

/// <summary>
/// The escalation sweep's two reads (EscalationSweep.DueClockSteps and DueOmbudsmanFlags, the SQL EF
/// writes for them), timed straight on the database a day ahead, so that a day's worth of steps is
/// due, with the plan each provider chooses: it must use the filtered indexes, not scan.
/// </summary>
public static class EscalationQueries
{
    public const double TargetMs = 1000;
    private const int Batch = 200;
    private const int Samples = 50;

    private static readonly (string Name, string Sql)[] Queries =
    [
        ("escalation: due clock steps", $"""
            SELECT "s"."ComplaintId", "s"."Id" FROM "SlaClocks" AS "s"
            WHERE "s"."StoppedAt" IS NULL AND "s"."NextStepAt" <= @now ORDER BY "s"."NextStepAt" LIMIT {Batch}
            """),
        ("escalation: due Ombudsman flags", $"""
            SELECT "c"."Id" FROM "Complaints" AS "c"
            WHERE "c"."OmbudsmanFlaggedAt" IS NULL AND "c"."ClosedAt" IS NULL AND "c"."OmbudsmanDueAt" <= @now
            ORDER BY "c"."OmbudsmanDueAt" LIMIT {Batch}
            """),
    ];

    public static async Task<List<QueryMeasurement>> RunAsync(BenchDatabase database, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(ct);
        var sqlite = connection is SqliteConnection;
        var results = new List<QueryMeasurement>();
        foreach (var (name, sql) in Queries)
        {
            Console.WriteLine($"    plan of {name}:");
            foreach (var line in await ReadAsync(connection, (sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN (ANALYZE, BUFFERS) ") + sql, at, sqlite, ct))
            {
                Console.WriteLine("      " + line);
            }

            var latencies = new List<long>();
            long rows = 0;
            for (var i = -3; i < Samples; i++)
            {
                var begin = Stopwatch.GetTimestamp();
                rows = (await ReadAsync(connection, sql, at, sqlite, ct)).Count;
                if (i >= 0)
                {
                    latencies.Add(Stopwatch.GetTimestamp() - begin);
                }
            }

            var sorted = latencies.Order().ToArray();
            var m = new QueryMeasurement(name, "sweep", "SQL", sorted.Length, 0, rows, LoadRunner.Percentile(sorted, 0.5),
                LoadRunner.Percentile(sorted, 0.95), sorted[^1] * 1000.0 / Stopwatch.Frequency, TargetMs);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {name,-32} p50 {m.P50Ms,8:F1} ms  p95 {m.P95Ms,8:F1} ms  max {m.MaxMs,8:F1} ms  ({m.Samples} samples, {rows} due of at most {Batch})"));
            results.Add(m);
        }

        return results;
    }

    /// <summary>Every row's first column as text (a plan's lines, or the ids).</summary>
    private static async Task<List<string>> ReadAsync(DbConnection connection, string sql, DateTimeOffset at, bool sqlite, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "now";
        parameter.Value = sqlite ? at.UtcTicks : at.ToUniversalTime(); // SQLite stores instants as UTC ticks
        command.Parameters.Add(parameter);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            lines.Add(Convert.ToString(reader.GetValue(sqlite && reader.FieldCount == 4 ? 3 : 0), CultureInfo.InvariantCulture) ?? "");
        }

        return lines;
    }
}
