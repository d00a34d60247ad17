using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Aduan.Bench.Intake;

/// <summary>Reports/s and the bench process's CPU per report, for one transaction size.</summary>
public sealed record FloorRow(int PerTransaction, int Reports, double PerSecond, double CpuMsPerReport);

/// <summary>
/// What SQLite alone can store, on this machine and this schema, of the reports the intake run took: the most any
/// single writer could reach, with no HTTP, no JSON, no EF Core and no app. Each report's rows (the report, the rows
/// intake wrote with it, and outbox messages in the proportion intake queued them) are copies of the
/// run's own, with fresh unique values and times of now, written by one thread with one statement per table prepared
/// once, in transactions committed as the app commits them (WAL, <c>synchronous=FULL</c>, statement journals in
/// memory), into a copy of the run's database. The search triggers and every index work as they do for the app; the
/// daily counts' upserts (a few rows per transaction) are left out.
/// </summary>
/// <remarks>
/// A transaction holds as many reports as the largest intake run had clients: each client has one request in flight,
/// so no batch of the app's is larger. The intake writer's default maximum batch is measured beside it. The CPU is the
/// bench process's, with the app idle (the run's SMS delivered; a failed e-mail's retry may still fall in).
/// </remarks>
public static class DatabaseFloor
{
    private const int Templates = 256;
    private const int WarmUpReports = 1024;
    private const int MeasuredTransactions = 64;
    private static readonly TimeSpan MaxPerSize = TimeSpan.FromSeconds(20);

    public static async Task<List<FloorRow>> MeasureAsync(string databaseFile, int[] perTransaction, CancellationToken ct)
    {
        Console.WriteLine("==> intake floor: the run's reports copied again by SQLite alone (one thread, no HTTP, no app), into a copy of its database");
        var copy = Path.Combine(Path.GetDirectoryName(databaseFile)!, "floor.db");
        try
        {
            await using (var source = Open(databaseFile))
            await using (var target = Open(copy))
            {
                await source.OpenAsync(ct);
                await target.OpenAsync(ct);
                source.BackupDatabase(target);
            }

            await using var connection = Open(copy);
            await connection.OpenAsync(ct);
            await ExecuteAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY", ct);
            var writer = await ReportCopier.ReadAsync(connection, Templates, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    each report: 1 report row, {writer.RowsPerReport - 1:F2} rows pointing at it or queued with it (from {writer.TemplateCount} of the run's reports)"));
            await writer.WriteAsync(WarmUpReports, perTransaction[0], ct);
            var rows = new List<FloorRow>();
            foreach (var size in perTransaction)
            {
                var row = await MeasureOneAsync(writer, size, ct);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    {size,4} reports per transaction: {row.PerSecond,7:N0} reports/s, {row.CpuMsPerReport:F3} ms CPU per report ({row.Reports:N0} reports)"));
                rows.Add(row);
            }

            return rows;
        }
        finally
        {
            // (Its connections are not pooled: each file is closed here.)
            foreach (var file in new[] { copy, copy + "-wal", copy + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private static async Task<FloorRow> MeasureOneAsync(ReportCopier writer, int size, CancellationToken ct)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var reports = 0;
        for (var i = 0; i < MeasuredTransactions && Stopwatch.GetElapsedTime(started) < MaxPerSize; i++)
        {
            await writer.WriteAsync(size, size, ct);
            reports += size;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        return new FloorRow(size, reports, reports / elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalMilliseconds / reports);
    }

    private static SqliteConnection Open(string file) =>
        new(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
