using Aduan.Bench.Data;
using Aduan.Bench.Hosting;
using Aduan.Bench.Intake;
using Aduan.Bench.Load;
using Aduan.Bench.Lookup;
using Aduan.Bench.Pipeline;
using Aduan.Bench.Reporting;
using Aduan.Bench.Scale;

namespace Aduan.Bench;

/// <summary>
/// One provider's run: intake, lookup and the pipeline's cost against one app process on a fresh
/// database (with a stand-in SMS gateway, as a city has one), then scale on another fresh database.
/// Every process, cluster and directory started here is gone when it returns.
/// </summary>
public static class ProviderRun
{
    /// <summary>Reports of the lookup's published for the report page's measurement (wrk only).</summary>
    private const int PublishedReports = 500;

    public static async Task RunAsync(BenchResult result, BenchOptions options, string appDll, CancellationToken ct)
    {
        Console.WriteLine($"\n######## {result.Provider} ########");
        await using var postgres = result.Provider == "postgres" ? await PostgresServer.StartAsync(ct) : null;
        var duration = TimeSpan.FromSeconds(options.Seconds);
        if (options.Intake || options.Lookup)
        {
            await using var database = await FreshDatabaseAsync(postgres, "aduan_bench_http", ct);
            await using var gateway = await SmsGatewayStandIn.StartAsync(ct);
            Console.WriteLine($"==> Starting the app on a fresh database, its SMS going to a stand-in for Kannel at {gateway.SendUrl}");
            await using var app = await AppInstance.StartAsync(appDll, gateway.For(database.AppEnvironment), ct);
            await using var connection = database.CreateConnection();
            await connection.OpenAsync(ct);
            var reference = await ReferenceData.ReadAsync(connection, ct);
            var ceiling = new Ceiling(app, duration);
            if (options.Intake)
            {
                result.Intake = await IntakeBench.RunAsync(app, reference, ceiling, new SmsBacklog(connection), duration, ct);
                Console.WriteLine($"    SMS the app delivered to the stand-in gateway so far: {gateway.Accepted:N0}");
                if (database is SqliteBenchDatabase sqlite)
                {
                    // With the app idle (its SMS delivered), on a copy: what SQLite alone does with the same reports.
                    result.IntakeFloor = await DatabaseFloor.MeasureAsync(sqlite.File, [IntakeBench.ClientCounts[^1], new Aduan.Complaints.IntakeOptions().MaxBatch], ct);
                }
            }

            if (options.Lookup)
            {
                result.Lookup = await LookupBench.RunAsync(app, connection, reference, ceiling, duration, ct);
            }

            var lookupCodes = options.Lookup ? await LookupBench.CodesAsync(connection, Wrk.MaxPaths, ct) : [];
            var publishedCodes = options.Lookup && Wrk.IsInstalled
                ? await Publishing.PublishAsync(appDll, database.AppEnvironment, app, lookupCodes, PublishedReports, ct)
                : [];
            result.Pipeline = await PipelineBench.RunAsync(app, ceiling, lookupCodes, publishedCodes, duration, ct);

            result.HttpPeakMemoryBytes = app.PeakMemoryBytes();
        }

        if (options.Scale)
        {
            await using var database = await FreshDatabaseAsync(postgres, "aduan_bench_scale", ct);
            result.Scale = await ScaleBench.RunAsync(appDll, database, options.Reports, ct);
        }
    }

    private static async Task<BenchDatabase> FreshDatabaseAsync(PostgresServer? postgres, string name, CancellationToken ct) =>
        postgres is null ? new SqliteBenchDatabase() : await PostgresBenchDatabase.CreateAsync(postgres, name, ct);
}
