using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Aduan.Bench.Data;
using Aduan.Bench.Hosting;
using Aduan.Sla;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Aduan.Bench.Scale;

public interface IBulkLoader : IAsyncDisposable
{
    Task WriteAsync(IReadOnlyList<GeneratedReport> batch, CancellationToken ct);

    Task FinishAsync(CancellationToken ct);
}

public sealed record LoadStats(long Reports, long Rows, double Seconds)
{
    public double ReportsPerSecond => Reports / Seconds;
}

/// <summary>
/// Loads N generated reports straight into the database while the app is stopped: one thread
/// generates batches of 10,000, the other writes them, each batch in its own transaction.
/// </summary>
public static class BulkLoad
{
    public const int Seed = 20_240_501;
    private const int BatchSize = 10_000;
    private const int ProgressEvery = 100_000;

    public static async Task<LoadStats> RunAsync(BenchDatabase database, long reports, CancellationToken ct)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(ct);
        var reference = await ReferenceData.ReadAsync(connection, ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT COALESCE(MAX("Id"), 0) + 1 FROM "Complaints" """;
        var firstId = Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);

        var now = DateTimeOffset.UtcNow;
        var sla = new SlaPolicy(new SlaOptions(), new WorkingCalendar(WorkingCalendar.FindZone("Asia/Jakarta"), reference.Holidays));
        var generator = new HistoryGenerator(reference, new ReportGenerator(reference, new Random(Seed)), sla, now, firstId);
        await using IBulkLoader loader = connection switch
        {
            SqliteConnection sqlite => new SqliteLoader(sqlite),
            NpgsqlConnection postgres => new PostgresLoader(postgres),
            _ => throw new NotSupportedException(connection.GetType().Name),
        };

        var batches = Channel.CreateBounded<List<GeneratedReport>>(2);
        var producer = Task.Run(async () =>
        {
            try
            {
                for (long start = 0; start < reports; start += BatchSize)
                {
                    var batch = new List<GeneratedReport>(BatchSize);
                    for (var i = start; i < Math.Min(reports, start + BatchSize); i++)
                    {
                        batch.Add(generator.Next(i, reports));
                    }

                    await batches.Writer.WriteAsync(batch, ct);
                }

                batches.Writer.Complete();
            }
            catch (Exception e)
            {
                batches.Writer.Complete(e); // the writing loop below stops with it
                throw;
            }
        }, ct);

        var clock = Stopwatch.StartNew();
        var writing = new Stopwatch(); // the rest of the time the writer waits for the generator
        long loaded = 0, rows = 0, nextReport = ProgressEvery;
        await foreach (var batch in batches.Reader.ReadAllAsync(ct))
        {
            writing.Start();
            await loader.WriteAsync(batch, ct);
            writing.Stop();
            loaded += batch.Count;
            rows += batch.Sum(r => 1 + r.Events.Count + r.Assignments.Count + r.Clocks.Count);
            if (loaded >= nextReport || loaded == reports)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    {loaded,12:N0} reports ({rows:N0} rows) in {clock.Elapsed.TotalSeconds:F0} s, {loaded / clock.Elapsed.TotalSeconds:N0} reports/s (writing {writing.Elapsed.TotalSeconds:F0} s)"));
                nextReport += ProgressEvery;
            }
        }

        await producer;
        Console.WriteLine("    finishing (indexes, statistics) ...");
        await loader.FinishAsync(ct);
        return new LoadStats(loaded, rows, clock.Elapsed.TotalSeconds);
    }
}
