using System.Net;
using Aduan.Bench.Hosting;
using Aduan.Bench.Load;

namespace Aduan.Bench.Pipeline;

/// <summary>
/// What the app's middleware pipeline costs per request, which every page pays (issue 15): the app's
/// <c>GET /health/live</c> beside a bare Kestrel endpoint in its own process, measured in the same
/// run with the built-in client (the ceiling's clients).
/// </summary>
/// <param name="BuiltIn">Per number of clients: /health/live as measured, bare Kestrel as its ceiling.</param>
public sealed record PipelineResult(List<RatioRow> BuiltIn)
{
    /// <summary>The best /health/live over the best bare Kestrel, whatever the number of clients of each.</summary>
    public double BuiltInRatio => BuiltIn.Max(r => r.Ceiling.PerSecond) is > 0 and var bare ? BuiltIn.Max(r => r.Measured.PerSecond) / bare : 0;
}

public static class PipelineBench
{
    /// <summary>The numbers of clients at which both intake and lookup measure the ceiling, so /health/live is reused.</summary>
    public static readonly int[] ClientCounts = [16, 64];
    private const string Bare = "GET / (bare Kestrel)";
    private static readonly Uri Root = new("/", UriKind.Relative);

    public static async Task<PipelineResult> RunAsync(AppInstance app, Ceiling ceiling, TimeSpan duration, CancellationToken ct)
    {
        Console.WriteLine("==> pipeline: a bare Kestrel's GET / in its own process beside the app's GET /health/live");
        await using var bare = await AppInstance.StartBareKestrelAsync(ct);
        await LoadRunner.WarmUpAsync(bare, Bare, SendAsync, ct);
        var builtIn = new List<RatioRow>();
        foreach (var clients in ClientCounts)
        {
            var measured = await LoadRunner.RunAsync(bare, Bare, clients, duration, SendAsync, ct);
            builtIn.Add(new RatioRow(await ceiling.AtAsync(clients, ct), measured));
        }

        return new PipelineResult(builtIn);
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, CancellationToken ct)
    {
        using var response = await client.GetAsync(Root, ct);
        return response.StatusCode;
    }
}
