using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Aduan.Bench.Hosting;

/// <summary>
/// A server started as its own process on a loopback port: the app built in Release, as an operator would
/// run it, or the harness's bare Kestrel to compare it with.
/// </summary>
public sealed class AppInstance : IAsyncDisposable
{
    private readonly Process _process;
    private readonly OutputTail _output;

    private AppInstance(Process process, OutputTail output, Uri baseAddress)
    {
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Builds src/Aduan in Release and returns the path of Aduan.dll.</summary>
    public static async Task<string> BuildAsync(string repoRoot, CancellationToken ct)
    {
        Console.WriteLine("==> Building the app (dotnet build -c Release src/Aduan)");
        var (exit, output) = await RunAsync(repoRoot, "dotnet", ["build", "-c", "Release", "src/Aduan", "-nologo", "-v", "quiet"], null, ct);
        if (exit != 0)
        {
            throw new InvalidOperationException("The app did not build:\n" + output);
        }

        return Path.Combine(repoRoot, "src", "Aduan", "bin", "Release", "net10.0", "Aduan.dll");
    }

    /// <summary>Runs one command of the app's CLI (migrate, user add, ...) and fails loudly when it fails.</summary>
    public static async Task CliAsync(string appDll, IReadOnlyDictionary<string, string> environment, CancellationToken ct, params string[] args)
    {
        var (exit, output) = await RunAsync(Path.GetDirectoryName(appDll)!, "dotnet", [appDll, .. args], environment, ct);
        if (exit != 0)
        {
            throw new InvalidOperationException($"'Aduan {string.Join(' ', args)}' exited with {exit}:\n{output}");
        }
    }

    /// <summary>
    /// Starts <c>dotnet Aduan.dll serve</c>. The working directory is the build output, so the
    /// app's appsettings.json (log levels) applies as in a deployment; the data goes where the environment says.
    /// </summary>
    public static Task<AppInstance> StartAsync(string appDll, IReadOnlyDictionary<string, string> environment, CancellationToken ct) =>
        StartServerAsync("The app", Path.GetDirectoryName(appDll)!, [appDll, "serve"], environment, "/health/ready", ct);

    /// <summary>
    /// Starts this harness again in its bare-Kestrel mode (<see cref="BareKestrel"/>), with the server
    /// garbage collector the app's Web SDK turns on, so the two processes differ only in what runs per request.
    /// </summary>
    public static Task<AppInstance> StartBareKestrelAsync(CancellationToken ct)
    {
        var benchDll = typeof(BareKestrel).Assembly.Location;
        return StartServerAsync("Bare Kestrel", Path.GetDirectoryName(benchDll)!, [benchDll, BareKestrel.Mode],
            new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" }, "/", ct);
    }

    /// <summary>Starts <c>dotnet ARGS --urls http://127.0.0.1:PORT</c> and waits until readyPath answers 200.</summary>
    private static async Task<AppInstance> StartServerAsync(string name, string workingDirectory, string[] args,
        IReadOnlyDictionary<string, string> environment, string readyPath, CancellationToken ct)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var psi = StartInfo(workingDirectory, "dotnet", [.. args, "--urls", baseAddress.ToString().TrimEnd('/')], environment);
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {name}.");
        var output = new OutputTail(process);
        var app = new AppInstance(process, output, baseAddress);
        using var probe = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await probe.GetAsync(new Uri(readyPath, UriKind.Relative), ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // a slow first answer while the app migrates
            }

            if (process.HasExited)
            {
                await app.DisposeAsync();
                throw new InvalidOperationException($"{name} exited with {process.ExitCode} while starting:\n{output}");
            }

            await Task.Delay(100, ct);
        }

        await app.DisposeAsync();
        throw new TimeoutException($"{name} did not become ready in 2 minutes:\n{output}");
    }

    /// <summary>The process's peak resident memory so far (VmHWM in /proc/PID/status), in bytes.</summary>
    public long PeakMemoryBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kb = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kb is null ? 0 : long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>CPU time the app has used so far, user and system (utime + stime in /proc/PID/stat, at 100 ticks a second).</summary>
    public TimeSpan CpuTime() => Ticks(File.ReadAllText($"/proc/{_process.Id}/stat"));

    /// <summary>utime + stime of a process's or thread's <c>stat</c> line, at 100 ticks a second.</summary>
    private static TimeSpan Ticks(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    /// <summary>
    /// CPU time so far of each of the runtime's tiered-compilation threads, by thread id (<c>.NET Tiered Com</c>, its
    /// name cut to 15 characters): it recompiles hot methods with their optimizations, so while it is busy the app is
    /// still warming up. It ends after a few idle seconds and a new one starts with the next work, so compare two
    /// readings by thread id (<see cref="JitTimeBetween"/>). Empty when none runs; null when /proc cannot be read.
    /// </summary>
    public Dictionary<int, TimeSpan>? JitCpuTimes()
    {
        var times = new Dictionary<int, TimeSpan>();
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{_process.Id}/task"))
            {
                try
                {
                    if (File.ReadAllText(Path.Combine(task, "comm")).StartsWith(".NET Tiered Com", StringComparison.Ordinal))
                    {
                        times[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = Ticks(File.ReadAllText(Path.Combine(task, "stat")));
                    }
                }
                catch (IOException)
                {
                    // the thread ended meanwhile
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return times;
    }

    /// <summary>The compilation threads' CPU time between two readings; a thread started meanwhile counts from zero.</summary>
    public static TimeSpan? JitTimeBetween(Dictionary<int, TimeSpan>? before, Dictionary<int, TimeSpan>? after) =>
        before is null || after is null
            ? null
            : after.Aggregate(TimeSpan.Zero, (sum, thread) => sum + thread.Value - before.GetValueOrDefault(thread.Key));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a program to its end and returns its exit code with stdout and stderr together.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, string program, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment, CancellationToken ct)
    {
        using var process = Process.Start(StartInfo(workingDirectory, program, args, environment))
            ?? throw new InvalidOperationException($"Could not start {program}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static ProcessStartInfo StartInfo(string workingDirectory, string program, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment)
    {
        var psi = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        return psi;
    }

    /// <summary>Keeps the last lines the app printed, to show when it fails; the pipes must be drained anyway.</summary>
    private sealed class OutputTail
    {
        private readonly Queue<string> _lines = new();

        public OutputTail(Process process)
        {
            process.OutputDataReceived += (_, e) => Add(e.Data);
            process.ErrorDataReceived += (_, e) => Add(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        private void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_lines)
            {
                _lines.Enqueue(line);
                if (_lines.Count > 40)
                {
                    _lines.Dequeue();
                }
            }
        }

        public override string ToString()
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }
}
