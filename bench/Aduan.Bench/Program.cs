using Aduan.Bench;
using Aduan.Bench.Hosting;
using Aduan.Bench.Reporting;

// The benchmark harness of issue 3: see README "Benchmarks". Prints tables and writes bench/results/<provider>-<UTC>.json.
if (BareKestrel.IsMode(args))
{
    return await BareKestrel.RunAsync(args); // the harness's own child process, the app's pipeline's yardstick
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // let every finally block stop what it started
    cancel.Cancel();
};

var root = RepoRoot();
var command = "dotnet run -c Release --project bench/Aduan.Bench -- " + string.Join(' ', args);
var commit = (await AppInstance.RunAsync(root, "git", ["rev-parse", "--short", "HEAD"], null, cancel.Token)).Output.Trim();
var appDll = await AppInstance.BuildAsync(root, cancel.Token);
var exitCode = 0;
foreach (var provider in options.Providers)
{
    var result = new BenchResult
    {
        Provider = provider, Command = command, StartedAt = DateTimeOffset.UtcNow, Machine = MachineInfo.Current(commit),
    };
    try
    {
        await ProviderRun.RunAsync(result, options, appDll, cancel.Token);
    }
    catch (OperationCanceledException) when (cancel.IsCancellationRequested)
    {
        Console.Error.WriteLine($"\n{provider}: cancelled; everything started was stopped. Results below are partial.");
        exitCode = 130;
    }
    catch (Exception e)
    {
        Console.Error.WriteLine($"\n{provider}: the run failed, results below are partial:\n{e}");
        exitCode = 1;
    }

    ResultReport.Print(result);
    Console.WriteLine($"\nwritten to {ResultReport.Write(result, root)}");
    if (cancel.IsCancellationRequested)
    {
        break;
    }
}

return exitCode;

static string RepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Aduan.slnx")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Aduan.slnx not found above " + AppContext.BaseDirectory);
}
