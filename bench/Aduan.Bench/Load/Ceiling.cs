using System.Net;
using Aduan.Bench.Hosting;

namespace Aduan.Bench.Load;

/// <summary>A measured endpoint beside the app's trivial one at the same number of clients.</summary>
public sealed record RatioRow(LoadMeasurement Measured, LoadMeasurement Ceiling)
{
    public double Ratio => Ceiling.PerSecond > 0 ? Measured.PerSecond / Ceiling.PerSecond : 0;
}

/// <summary>
/// The machine's ceiling: GET /health/live, which touches no database, through the same app and
/// the same clients. Measured once per number of clients and app process, then reused.
/// </summary>
public sealed class Ceiling(AppInstance app, TimeSpan duration)
{
    public const string Path = "/health/live";
    private static readonly Uri Live = new(Path, UriKind.Relative);
    private readonly Dictionary<int, LoadMeasurement> _measured = [];

    public async Task<LoadMeasurement> AtAsync(int clients, CancellationToken ct)
    {
        if (_measured.Count == 0)
        {
            await LoadRunner.WarmUpAsync(app, "GET " + Path, SendAsync, ct);
        }

        if (!_measured.TryGetValue(clients, out var measurement))
        {
            measurement = await LoadRunner.RunAsync(app, "GET " + Path, clients, duration, SendAsync, ct);
            _measured[clients] = measurement;
        }

        return measurement;
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, CancellationToken ct)
    {
        using var response = await client.GetAsync(Live, ct);
        return response.StatusCode;
    }
}
