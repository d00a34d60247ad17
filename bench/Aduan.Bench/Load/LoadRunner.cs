using System.Diagnostics;
using System.Globalization;
using System.Net;
using Aduan.Bench.Hosting;

namespace Aduan.Bench.Load;

/// <summary>One request of a load test: sends it on the client's connection and says whether it succeeded.</summary>
public delegate Task<HttpStatusCode> SendRequest(HttpClient client, CancellationToken ct);

/// <summary>Throughput and latency of one endpoint at one number of concurrent clients.</summary>
public sealed record LoadMeasurement(
    string Endpoint, int Clients, double Seconds, long Succeeded, long Failed, double PerSecond,
    double P50Ms, double P95Ms, double P99Ms, double AppCpuMsPerRequest, IReadOnlyDictionary<string, long> Failures);

/// <summary>
/// N clients, each with its own keep-alive connection, send requests back to back: a second of
/// ramp-up, then S measured seconds. Only requests that finish inside the measured window count.
/// An endpoint is warmed up first (<see cref="WarmUpAsync"/>), so what is measured is the optimized code.
/// The clients run on the same two cores as the app, so they take a share of the machine; the
/// ratio to the trivial endpoint, measured the same way, is what compares.
/// </summary>
public static class LoadRunner
{
    /// <summary>Each run's first second: the clients connect and the app's pools fill, not counted.</summary>
    private static readonly TimeSpan Ramp = TimeSpan.FromSeconds(1);

    /// <summary>A warm-up round's measured part (after its <see cref="Ramp"/>), the longest warm-up, and when it has settled.</summary>
    private static readonly TimeSpan WarmUpRound = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan MaxWarmUp = TimeSpan.FromMinutes(2);
    private const double SettledJitShare = 0.03;

    public static async Task<LoadMeasurement> RunAsync(AppInstance app, string endpoint, int clients, TimeSpan duration,
        SendRequest send, CancellationToken ct)
    {
        var measurement = await MeasureAsync(app, endpoint, clients, duration, send, ct);
        Print(measurement);
        return measurement;
    }

    /// <summary>One line per measurement as it is taken, whichever load generator took it.</summary>
    public static void Print(LoadMeasurement m) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"    {m.Endpoint,-34} {m.Clients,3} clients: {m.PerSecond,9:N0}/s  p50 {m.P50Ms,7:F2} ms  p95 {m.P95Ms,7:F2} ms  p99 {m.P99Ms,7:F2} ms  server CPU {m.AppCpuMsPerRequest,5:F2} ms/req{FailureText(m.Failures)}"));

    /// <summary>
    /// Runs the endpoint unmeasured until the app has warmed up: in rounds of 1 + 3 s, until the runtime's
    /// tiered-compilation threads used less than 3 % of a core in a round (at least two rounds, at most about two
    /// minutes). Tiered JIT and dynamic PGO change a cold run by 2× or more, and how long they take depends on
    /// the path and the database: intake on PostgreSQL was still compiling after 25 s, on SQLite it was done in 20.
    /// An app whose threads cannot be read (no /proc) gets three rounds.
    /// </summary>
    public static async Task WarmUpAsync(AppInstance app, string endpoint, SendRequest send, CancellationToken ct, int clients = 16)
    {
        var started = Stopwatch.GetTimestamp();
        for (var round = 1; ; round++)
        {
            var roundStarted = Stopwatch.GetTimestamp();
            var jitBefore = app.JitCpuTimes();
            var cpuBefore = app.CpuTime();
            var measured = await MeasureAsync(app, endpoint, clients, WarmUpRound, send, ct);
            var jit = AppInstance.JitTimeBetween(jitBefore, app.JitCpuTimes());
            var cpu = app.CpuTime() - cpuBefore;
            var roundTime = Stopwatch.GetElapsedTime(roundStarted);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {endpoint,-34} warming up, round {round} ({clients} clients, not counted): {measured.PerSecond,9:N0}/s, app CPU {cpu / roundTime,4:P0} of a core, JIT {Share(jit, roundTime)}"));
            var settled = jit is { } compiling ? compiling / roundTime < SettledJitShare : round >= 3;
            if (round >= 2 && settled)
            {
                return;
            }

            if (Stopwatch.GetElapsedTime(started) >= MaxWarmUp)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    {endpoint,-34} still compiling after {Stopwatch.GetElapsedTime(started).TotalSeconds:N0} s: measuring anyway"));
                return;
            }
        }
    }

    private static string Share(TimeSpan? part, TimeSpan of) =>
        part is { } p ? (p / of).ToString("P0", CultureInfo.InvariantCulture) : "unknown";

    private static async Task<LoadMeasurement> MeasureAsync(AppInstance app, string endpoint, int clients, TimeSpan duration,
        SendRequest send, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(Ramp.TotalSeconds * Stopwatch.Frequency);
        var measureUntil = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, clients)
            .Select(_ => Task.Run(() => ClientAsync(app.BaseAddress, send, measureFrom, measureUntil, ct), ct))
            .ToList();
        await Task.Delay(Ramp, ct);
        var cpuBefore = app.CpuTime(); // the app's own CPU time per request, apart from the clients'
        await Task.Delay(duration, ct);
        var cpuUsed = app.CpuTime() - cpuBefore;
        var results = await Task.WhenAll(workers);

        var latencies = results.SelectMany(r => r.Latencies).Order().ToArray();
        var failures = results.SelectMany(r => r.Failures)
            .GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Sum(f => f.Value));
        return new LoadMeasurement(endpoint, clients, duration.TotalSeconds, latencies.Length, failures.Values.Sum(),
            latencies.Length / duration.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99),
            cpuUsed.TotalMilliseconds / Math.Max(1, latencies.Length + failures.Values.Sum()), failures);
    }

    /// <summary>Milliseconds at quantile q of sorted Stopwatch tick durations.</summary>
    public static double Percentile(long[] sortedTicks, double q) => sortedTicks.Length == 0
        ? double.NaN
        : sortedTicks[Math.Min(sortedTicks.Length - 1, (int)Math.Ceiling(q * sortedTicks.Length) - 1)] * 1000.0 / Stopwatch.Frequency;

    public static HttpClient NewClient(Uri baseAddress) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 1,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseCookies = false,
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(60),
    };

    private static async Task<(List<long> Latencies, Dictionary<string, long> Failures)> ClientAsync(
        Uri baseAddress, SendRequest send, long measureFrom, long measureUntil, CancellationToken ct)
    {
        using var client = NewClient(baseAddress);
        var latencies = new List<long>(4096);
        var failures = new Dictionary<string, long>();
        while (true)
        {
            var begin = Stopwatch.GetTimestamp();
            if (begin >= measureUntil)
            {
                break;
            }

            string? failure;
            try
            {
                var status = await send(client, ct);
                failure = (int)status is >= 200 and < 300 ? null : ((int)status).ToString(CultureInfo.InvariantCulture);
            }
            catch (HttpRequestException e)
            {
                failure = e.HttpRequestError.ToString();
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                failure = "timeout";
            }

            var end = Stopwatch.GetTimestamp();
            if (begin < measureFrom || end > measureUntil)
            {
                continue;
            }

            if (failure is null)
            {
                latencies.Add(end - begin);
            }
            else
            {
                failures[failure] = failures.GetValueOrDefault(failure) + 1;
            }
        }

        return (latencies, failures);
    }

    private static string FailureText(IReadOnlyDictionary<string, long> failures) => failures.Count == 0
        ? ""
        : "  failed: " + string.Join(", ", failures.Select(f => $"{f.Key}×{f.Value}"));
}
