using System.Net;
using Aduan.Bench.Hosting;
using Aduan.Bench.Load;

namespace Aduan.Bench.Pipeline;

/// <summary>
/// What the app's middleware pipeline costs per request, which every page pays (issue 15): the app's
/// <c>GET /health/live</c> beside a bare Kestrel endpoint in its own process, measured in the same
/// run with the built-in client (the ceiling's clients) and, when it is installed, with wrk.
/// </summary>
/// <param name="BuiltIn">Per number of clients: /health/live as measured, bare Kestrel as its ceiling.</param>
/// <param name="Wrk">Null when wrk is not installed or failed; <paramref name="WithoutWrk"/> then says which.</param>
public sealed record PipelineResult(List<RatioRow> BuiltIn, WrkResult? Wrk, string? WithoutWrk)
{
    /// <summary>The best /health/live over the best bare Kestrel, whatever the number of clients of each.</summary>
    public double BuiltInRatio => BuiltIn.Max(r => r.Ceiling.PerSecond) is > 0 and var bare ? BuiltIn.Max(r => r.Measured.PerSecond) / bare : 0;
}

/// <param name="Live">/health/live as measured, bare Kestrel as its ceiling.</param>
/// <param name="Lookup">The lookup as measured, /health/live as its ceiling; null when the lookup was not part of the run.</param>
/// <param name="TrackingPage">The tracking page <c>/lacak/{code}</c> (HTML) for the same codes, /health/live as its ceiling; null as the lookup.</param>
/// <param name="ReportPage">The register's report page <c>/laporan/{code}</c> (HTML) for the published codes among them; null when none.</param>
public sealed record WrkResult(int Threads, RatioRow Live, RatioRow? Lookup, RatioRow? TrackingPage = null, RatioRow? ReportPage = null);

public static class PipelineBench
{
    /// <summary>The numbers of clients at which both intake and lookup measure the ceiling, so /health/live is reused.</summary>
    public static readonly int[] ClientCounts = [16, 64];
    public const int WrkConnections = 64;
    private const string Bare = "GET / (bare Kestrel)";
    private static readonly Uri Root = new("/", UriKind.Relative);

    /// <param name="lookupCodes">Existing reports' tracking codes, for the lookup and the tracking page with wrk; empty to leave both out.</param>
    /// <param name="publishedCodes">The published ones among them, for the report page with wrk; empty to leave it out.</param>
    public static async Task<PipelineResult> RunAsync(AppInstance app, Ceiling ceiling, IReadOnlyList<string> lookupCodes,
        IReadOnlyList<string> publishedCodes, TimeSpan duration, CancellationToken ct)
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

        if (!Wrk.IsInstalled)
        {
            return Without(builtIn, "wrk not installed (apt-get install wrk): only the built-in client");
        }

        Console.WriteLine($"==> the same with wrk ({Wrk.Threads} threads, {WrkConnections} connections)");
        try
        {
            var bareWrk = await Wrk.RunAsync(bare, "wrk " + Bare, ["/"], WrkConnections, duration, ct);
            var liveWrk = await Wrk.RunAsync(app, "wrk GET " + Ceiling.Path, [Ceiling.Path], WrkConnections, duration, ct);
            if (lookupCodes.Count == 0)
            {
                return new PipelineResult(builtIn, new WrkResult(Wrk.Threads, new RatioRow(liveWrk, bareWrk), null), null);
            }

            var lookupWrk = await Wrk.RunAsync(app, "wrk GET /api/v1/complaints/{code}", [.. lookupCodes.Select(c => "/api/v1/complaints/" + c)],
                WrkConnections, duration, ct);
            var pageWrk = await Wrk.RunAsync(app, "wrk GET /lacak/{code}", [.. lookupCodes.Select(c => "/lacak/" + c)], WrkConnections, duration, ct);
            var reportWrk = publishedCodes.Count == 0
                ? null
                : await Wrk.RunAsync(app, "wrk GET /laporan/{code}", [.. publishedCodes.Select(c => "/laporan/" + c)], WrkConnections, duration, ct);
            return new PipelineResult(builtIn, new WrkResult(Wrk.Threads, new RatioRow(liveWrk, bareWrk), new RatioRow(lookupWrk, liveWrk),
                new RatioRow(pageWrk, liveWrk), reportWrk is null ? null : new RatioRow(reportWrk, liveWrk)), null);
        }
        catch (InvalidOperationException e)
        {
            // wrk is the optional second opinion: its failure leaves the built-in client's figures and the rest of the run.
            return Without(builtIn, "wrk failed, only the built-in client: " + e.Message);
        }
    }

    private static PipelineResult Without(List<RatioRow> builtIn, string why)
    {
        Console.WriteLine("    " + why);
        return new PipelineResult(builtIn, null, why);
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, CancellationToken ct)
    {
        using var response = await client.GetAsync(Root, ct);
        return response.StatusCode;
    }
}
