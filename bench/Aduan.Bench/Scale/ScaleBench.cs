using System.Globalization;
using Aduan.Bench.Hosting;
using Aduan.Bench.Lookup;

namespace Aduan.Bench.Scale;

public sealed record ScaleResult(
    long Reports, double LoadSeconds, double LoadReportsPerSecond, long LoadRows, long DatabaseBytes, double BytesPerReport,
    long PeakMemoryBytes, IReadOnlyList<QueryMeasurement> Queries, OpenDataMeasurement? OpenData = null);

/// <summary>
/// A city's worth of history: a fresh database, migrated and given two staff users by the app's
/// own CLI, N reports loaded straight into it with the app stopped, then the app started again
/// and its slow-prone queries timed.
/// </summary>
public static class ScaleBench
{
    private const string Manager = "bench-manager";
    private const string Officer = "bench-dbmsda";

    public static async Task<ScaleResult> RunAsync(string appDll, BenchDatabase database, long reports, CancellationToken ct)
    {
        Console.WriteLine("==> scale: migrating a fresh database and adding staff users with the app's CLI");
        var env = database.AppEnvironment;
        await AppInstance.CliAsync(appDll, env, ct, "migrate");
        await AppInstance.CliAsync(appDll, env, ct, "user", "add", Manager, "--role", "Manager", "--password", ScaleQueries.Password);
        await AppInstance.CliAsync(appDll, env, ct, "user", "add", Officer, "--role", "AgencyOfficer", "--agency", "DBMSDA",
            "--password", ScaleQueries.Password);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"==> scale: loading {reports:N0} reports straight into {database.Provider} (seed {BulkLoad.Seed}, the app stopped)"));
        var load = await BulkLoad.RunAsync(database, reports, ct);
        var bytes = await database.SizeBytesAsync(ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    loaded in {load.Seconds:F1} s ({load.ReportsPerSecond:N0} reports/s, {load.Rows:N0} rows); database {bytes / 1048576.0:N0} MiB, {bytes / (double)reports:N0} bytes/report"));

        // The first start after the load counts the dashboard's daily counts (Supervision/DailyCountRebuild), as after an upgrade.
        Console.WriteLine("==> scale: counting the dashboard's daily counts (the app's CLI: migrate, which counts an uncounted database)");
        var counting = System.Diagnostics.Stopwatch.StartNew();
        await AppInstance.CliAsync(appDll, env, ct, "migrate");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    counted in {counting.Elapsed.TotalSeconds:F1} s"));

        Console.WriteLine("==> scale: training the triage suggestion model (the app's CLI: triage train)");
        var training = System.Diagnostics.Stopwatch.StartNew();
        await AppInstance.CliAsync(appDll, env, ct, "triage", "train");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    trained in {training.Elapsed.TotalSeconds:F1} s"));

        List<string> codes;
        await using (var connection = database.CreateConnection())
        {
            await connection.OpenAsync(ct);
            codes = await LookupBench.CodesAsync(connection, 5000, ct);
        }

        Console.WriteLine("==> scale: the escalation sweep's reads, a day ahead (straight on the database)");
        var sweep = await EscalationQueries.RunAsync(database, DateTimeOffset.UtcNow.AddDays(1), ct);

        Console.WriteLine("==> scale: restarting the app and timing the queries (sequential)");
        await using var app = await AppInstance.StartAsync(appDll, env, ct);
        var queries = await ScaleQueries.RunAsync(app.BaseAddress, Manager, Officer, codes, ct);
        var openData = await ScaleQueries.OpenDataAsync(app.BaseAddress, ct);
        return new ScaleResult(load.Reports, load.Seconds, load.ReportsPerSecond, load.Rows, bytes, bytes / (double)reports,
            app.PeakMemoryBytes(), [.. queries, .. sweep], openData);
    }
}
