using System.Globalization;
using System.Text.Json;
using Aduan.Bench.Load;
using Aduan.Bench.Pipeline;

namespace Aduan.Bench.Reporting;

/// <summary>The same numbers twice: a table on the console and a JSON file under bench/results.</summary>
public static class ResultReport
{
    // A query with no successful sample (all timed out) has NaN times: written as "NaN", not a crash after an hour's run.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Print(BenchResult r)
    {
        Console.WriteLine();
        Console.WriteLine($"==== Results: {r.Provider} — {r.Machine.Cores} cores, {r.Machine.MemoryGiB} GiB, {r.Machine.Runtime}, commit {r.Machine.Commit ?? "?"}, load average at start {r.Machine.LoadAverage.ToString(CultureInfo.InvariantCulture)}");
        PrintRatios("intake (POST /api/v1/complaints)", "reports/s", r.Intake);
        foreach (var floor in r.IntakeFloor ?? [])
        {
            Console.WriteLine(F($"  floor, SQLite alone (no HTTP, no app, one thread), {floor.PerTransaction} reports per transaction: {floor.PerSecond:N0} reports/s, {floor.CpuMsPerReport:F3} ms CPU per report"));
        }

        PrintRatios("lookup (GET /api/v1/complaints/{code})", "reads/s", r.Lookup);
        PrintPipeline(r.Pipeline);
        if (r.HttpPeakMemoryBytes is { } http)
        {
            Console.WriteLine(F($"app peak memory during intake/lookup: {http / 1e6:N0} MB"));
        }

        if (r.Scale is { } s)
        {
            Console.WriteLine();
            Console.WriteLine(F($"scale: {s.Reports:N0} reports ({s.LoadRows:N0} rows) loaded in {s.LoadSeconds:F1} s = {s.LoadReportsPerSecond:N0} reports/s"));
            Console.WriteLine(F($"       database {s.DatabaseBytes / 1048576.0:N0} MiB = {s.BytesPerReport:N0} bytes/report; app peak memory {s.PeakMemoryBytes / 1e6:N0} MB"));
            Console.WriteLine(F($"  {"query",-28} {"who",-22} {"p50 ms",9} {"p95 ms",9} {"max ms",9} {"samples",8} {"matching",10} {"target p95",11}"));
            foreach (var q in s.Queries)
            {
                Console.WriteLine(F($"  {q.Name,-28} {q.Who,-22} {q.P50Ms,9:F1} {q.P95Ms,9:F1} {q.MaxMs,9:F1} {q.Samples,8} {q.Total?.ToString("N0", CultureInfo.InvariantCulture) ?? "-",10} {q.TargetP95Ms,8:N0} ms"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("targets (from issues 3 and 15; reported, not asserted):");
        foreach (var t in r.Targets)
        {
            Console.WriteLine($"  [{(t.Met ? "met" : "MISSED"),-6}] {t.Target,-50} {t.Measured}");
        }
    }

    public static string Write(BenchResult r, string repoRoot)
    {
        var dir = Path.Combine(repoRoot, "bench", "results");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"{r.Provider}-{r.StartedAt.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(r, Json));
        return path;
    }

    private static void PrintRatios(string title, string unit, List<RatioRow>? rows)
    {
        if (rows is null)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine(F($"  {"clients",7} {unit,11} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"failed",7} {"ceiling/s",10} {"ceil p95",9} {"ratio",7} {"app CPU ms/req",15}"));
        foreach (var row in rows)
        {
            var m = row.Measured;
            Console.WriteLine(F($"  {m.Clients,7} {m.PerSecond,11:N0} {m.P50Ms,8:F2} {m.P95Ms,8:F2} {m.P99Ms,8:F2} {m.Failed,7} {row.Ceiling.PerSecond,10:N0} {row.Ceiling.P95Ms,9:F2} {row.Ratio,7:P1} {m.AppCpuMsPerRequest,15:F2}"));
        }
    }

    private static void PrintPipeline(PipelineResult? pipeline)
    {
        if (pipeline is null)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine("pipeline (GET /health/live beside a bare Kestrel's GET / in its own process)");
        Console.WriteLine(F($"  {"client",-8} {"clients",7} {"bare/s",9} {"bare p99",9} {"live/s",9} {"live p99",9} {"ratio",7} {"app CPU ms/req",15} {"bare CPU ms/req",16}"));
        foreach (var row in pipeline.BuiltIn)
        {
            PrintPipelineRow("built-in", row);
        }

        if (pipeline.Wrk is not { } wrk)
        {
            Console.WriteLine("  " + pipeline.WithoutWrk);
            return;
        }

        PrintPipelineRow("wrk", wrk.Live);
        if (wrk.Lookup is { } lookup)
        {
            PrintWrkRow("lookup", "reads", lookup);
        }

        if (wrk.TrackingPage is { } page)
        {
            PrintWrkRow("/lacak/{code}", "pages", page);
        }

        if (wrk.ReportPage is { } report)
        {
            PrintWrkRow("/laporan/{code}", "pages", report);
        }
    }

    /// <summary>One endpoint measured with wrk, against /health/live measured the same way.</summary>
    private static void PrintWrkRow(string what, string unit, RatioRow row)
    {
        var m = row.Measured;
        Console.WriteLine(F($"  {what} with wrk ({m.Clients} connections): {m.PerSecond:N0} {unit}/s, p50 {m.P50Ms:F2} / p95 {m.P95Ms:F2} / p99 {m.P99Ms:F2} ms, failed {m.Failed}, {row.Ratio:P1} of /health/live with wrk, app CPU {m.AppCpuMsPerRequest:F2} ms/req"));
    }

    private static void PrintPipelineRow(string client, RatioRow row)
    {
        var (live, bare) = (row.Measured, row.Ceiling);
        Console.WriteLine(F($"  {client,-8} {live.Clients,7} {bare.PerSecond,9:N0} {bare.P99Ms,9:F2} {live.PerSecond,9:N0} {live.P99Ms,9:F2} {row.Ratio,7:P1} {live.AppCpuMsPerRequest,15:F3} {bare.AppCpuMsPerRequest,16:F3}"));
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
