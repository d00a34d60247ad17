using System.Globalization;
using System.Runtime.InteropServices;
using Aduan.Bench.Load;
using Aduan.Bench.Pipeline;
using Aduan.Bench.Scale;

namespace Aduan.Bench.Reporting;

/// <param name="LoadAverage">The 1-minute load average when the run started: other work on the same cores skews every number.</param>
public sealed record MachineInfo(int Cores, double MemoryGiB, string Os, string Runtime, string? Commit, double LoadAverage)
{
    public static MachineInfo Current(string? commit) => new(
        Environment.ProcessorCount,
        Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0, 1),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        commit,
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture));
}

/// <summary>A target from the issue beside what was measured; reported, never asserted.</summary>
public sealed record TargetCheck(string Target, string Measured, bool Met);

/// <summary>Everything one provider's run measured; written as JSON and printed as tables.</summary>
public sealed class BenchResult
{
    public required string Provider { get; init; }
    public required string Command { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required MachineInfo Machine { get; init; }
    public List<RatioRow>? Intake { get; set; }

    /// <summary>SQLite alone storing the intake run's reports again (<see cref="Intake.DatabaseFloor"/>): the most one writer could do.</summary>
    public List<Intake.FloorRow>? IntakeFloor { get; set; }
    public List<RatioRow>? Lookup { get; set; }
    public PipelineResult? Pipeline { get; set; }

    /// <summary>Peak resident memory of the app that served intake and lookup.</summary>
    public long? HttpPeakMemoryBytes { get; set; }
    public ScaleResult? Scale { get; set; }
    public List<TargetCheck> Targets => Evaluate();

    private List<TargetCheck> Evaluate()
    {
        var checks = new List<TargetCheck>();
        if (Intake is { Count: > 0 })
        {
            var best = Intake.MaxBy(r => r.Measured.PerSecond)!;
            var at = F($"{best.Measured.PerSecond:N0} reports/s at {best.Measured.Clients} clients");
            if (Provider == "sqlite")
            {
                checks.Add(new TargetCheck("durable intake >= 5,000 reports/s (SQLite)", at, best.Measured.PerSecond >= 5000));
            }

            checks.Add(new TargetCheck("intake >= 25% of the ceiling", F($"{best.Ratio:P1} ({at})"), best.Ratio >= 0.25));
        }

        if (Lookup is { Count: > 0 })
        {
            var best = Lookup.MaxBy(r => r.Measured.PerSecond)!;
            checks.Add(new TargetCheck("lookup >= 50% of the ceiling",
                F($"{best.Ratio:P1} ({best.Measured.PerSecond:N0}/s at {best.Measured.Clients} clients)"), best.Ratio >= 0.5));
        }

        if (Pipeline is { } pipeline)
        {
            var live = pipeline.BuiltIn.Max(r => r.Measured.PerSecond);
            var bare = pipeline.BuiltIn.Max(r => r.Ceiling.PerSecond);
            checks.Add(new TargetCheck("/health/live >= 50% of bare Kestrel (built-in)",
                F($"{pipeline.BuiltInRatio:P1} ({live:N0}/s of {bare:N0}/s)"), pipeline.BuiltInRatio >= 0.5));
            if (pipeline.Wrk is { } wrk)
            {
                checks.Add(RatioCheck("/health/live >= 50% of bare Kestrel (wrk)", wrk.Live, 0.5));
                if (wrk.Lookup is { } lookup)
                {
                    checks.Add(RatioCheck("lookup >= 50% of the ceiling (wrk)", lookup, 0.5));
                }

                if (wrk.TrackingPage is { } page)
                {
                    checks.Add(RatioCheck("/lacak/{code} (HTML) >= 30% of the ceiling (wrk)", page, 0.3));
                }

                if (wrk.ReportPage is { } report)
                {
                    checks.Add(RatioCheck("/laporan/{code} (HTML) >= 30% of the ceiling (wrk)", report, 0.3));
                }
            }
        }

        if (Scale is { } scale)
        {
            var at = scale.Reports == 1_000_000 ? "" : F($" (measured at {scale.Reports:N0}, target is for 1,000,000)");
            foreach (var q in scale.Queries)
            {
                checks.Add(new TargetCheck(F($"{q.Name}: p95 <= {q.TargetP95Ms:N0} ms"), F($"{q.P95Ms:N1} ms{at}"),
                    q.Failed == 0 && q.P95Ms <= q.TargetP95Ms));
            }

            if (scale.OpenData is { } open)
            {
                checks.Add(new TargetCheck(F($"open data CSV >= {open.TargetRowsPerSecond:N0} rows/s"),
                    F($"{open.RowsPerSecond:N0} rows/s ({open.Rows:N0} rows in {open.Seconds:F2} s){at}"), open.RowsPerSecond >= open.TargetRowsPerSecond));
            }
        }

        var peak = Math.Max(HttpPeakMemoryBytes ?? 0, Scale?.PeakMemoryBytes ?? 0);
        if (peak > 0)
        {
            checks.Add(new TargetCheck("app peak memory <= 500 MB", F($"{peak / 1e6:N0} MB (VmHWM)"), peak <= 500_000_000));
        }

        return checks;
    }

    /// <summary>A measurement against its ceiling: met when the ratio reaches <paramref name="target"/>.</summary>
    private static TargetCheck RatioCheck(string name, RatioRow row, double target) =>
        new(name, F($"{row.Ratio:P1} ({row.Measured.PerSecond:N0}/s of {row.Ceiling.PerSecond:N0}/s)"), row.Ratio >= target);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
