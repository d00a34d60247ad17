using System.Globalization;
using System.Text;
using Aduan.Bench.Hosting;

namespace Aduan.Bench.Load;

/// <summary>
/// wrk (the Debian package), a second load generator written in C: the built-in client shares the
/// two cores with the server and may itself be what stops the count. Two threads, one per core,
/// and a Lua script whose <c>done</c> prints the figures on one line, so nothing depends on wrk's
/// human-readable summary (which has no p95). Optional: the harness runs without it.
/// </summary>
public static class Wrk
{
    public const int Threads = 2;
    private const string Marker = "ADUAN-WRK";
    private static readonly string[] FailureKinds = ["status", "connect", "read", "write", "timeout"];

    /// <summary>wrk's Lua has a limit on a function's constants (65,536 in LuaJIT); this many paths stay well under it.</summary>
    public const int MaxPaths = 10_000;

    public static bool IsInstalled { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(':', StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, "wrk")));

    /// <summary>
    /// One unmeasured second, then S measured seconds at the given connections. One path is sent as
    /// wrk's static request; several are picked at random per request by the script, after each was
    /// read once (not measured): the built-in client's warm-up reads each of its codes several times,
    /// so both measure the reads of a flood, where every report is read again and again, not each
    /// report's first read (which builds what the app keeps of it).
    /// </summary>
    public static async Task<LoadMeasurement> RunAsync(AppInstance server, string endpoint, IReadOnlyList<string> paths, int connections,
        TimeSpan duration, CancellationToken ct)
    {
        var script = Path.Combine(Path.GetTempPath(), $"aduan-bench-wrk-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, Script(paths), ct);
        try
        {
            if (paths.Count > 1)
            {
                await ReadEachOnceAsync(server, paths, ct);
            }

            var url = new Uri(server.BaseAddress, paths[0]).ToString();
            await RunWrkAsync(script, url, connections, TimeSpan.FromSeconds(1), ct);
            var cpuBefore = server.CpuTime();
            var output = await RunWrkAsync(script, url, connections, duration, ct);
            var cpuUsed = server.CpuTime() - cpuBefore;
            var measurement = Parse(endpoint, connections, output, cpuUsed);
            LoadRunner.Print(measurement);
            return measurement;
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static async Task ReadEachOnceAsync(AppInstance server, IReadOnlyList<string> paths, CancellationToken ct)
    {
        using var client = LoadRunner.NewClient(server.BaseAddress);
        await Parallel.ForEachAsync(paths, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (path, token) =>
        {
            using var response = await client.GetAsync(path, token);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} before wrk's run");
            }
        });
    }

    private static async Task<string> RunWrkAsync(string script, string url, int connections, TimeSpan duration, CancellationToken ct)
    {
        string[] args =
        [
            "-t", Threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", F($"{(int)duration.TotalSeconds}s"), "--timeout", "60s", "-s", script, url,
        ];
        var (exit, output) = await AppInstance.RunAsync(Path.GetTempPath(), "wrk", args, null, ct);
        return exit == 0 && output.Contains(Marker, StringComparison.Ordinal)
            ? output
            : throw new InvalidOperationException($"wrk {string.Join(' ', args)} exited with {exit}:\n{output.Trim()}");
    }

    /// <summary>Non-2xx answers and socket errors are failures, as for the built-in client; latencies are wrk's, of every answer.</summary>
    private static LoadMeasurement Parse(string endpoint, int connections, string output, TimeSpan cpuUsed)
    {
        var line = output.Split('\n').First(l => l.StartsWith(Marker, StringComparison.Ordinal));
        var values = line[Marker.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .ToDictionary(kv => kv[0], kv => double.Parse(kv[1], CultureInfo.InvariantCulture));
        var seconds = values["duration_us"] / 1e6;
        var failures = FailureKinds
            .Where(kind => values[kind] > 0)
            .ToDictionary(kind => kind == "status" ? "non-2xx" : kind, kind => (long)values[kind]);
        var requests = (long)values["requests"];
        var succeeded = requests - (long)values["status"];
        return new LoadMeasurement(endpoint, connections, seconds, succeeded, failures.Values.Sum(), succeeded / seconds,
            values["p50_us"] / 1000, values["p95_us"] / 1000, values["p99_us"] / 1000,
            cpuUsed.TotalMilliseconds / Math.Max(1, requests), failures);
    }

    private static string Script(IReadOnlyList<string> paths)
    {
        var lua = new StringBuilder();
        if (paths.Count > 1)
        {
            // Each thread has its own Lua state; a seed per thread keeps the two from asking for the same codes in step.
            lua.AppendLine("local paths = {");
            foreach (var path in paths.Take(MaxPaths))
            {
                lua.Append("  \"").Append(path).AppendLine("\",");
            }

            lua.AppendLine("""
                }
                local threads = 0
                function setup(thread) threads = threads + 1; thread:set("seed", threads) end
                function init(args) math.randomseed(seed) end
                function request() return wrk.format(nil, paths[math.random(#paths)]) end
                """);
        }

        lua.AppendLine(F($$"""
            function done(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("{{Marker}} requests=%d duration_us=%d p50_us=%.0f p95_us=%.0f p99_us=%.0f status=%d connect=%d read=%d write=%d timeout=%d\n",
                summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
                e.status, e.connect, e.read, e.write, e.timeout))
            end
            """));
        return lua.ToString();
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
