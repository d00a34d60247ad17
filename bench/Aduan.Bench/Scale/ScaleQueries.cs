using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aduan.Bench.Load;

namespace Aduan.Bench.Scale;

/// <summary>One page or query the staff (or the public) wait for, read once after another.</summary>
/// <summary>One download of the open data CSV: every published report, streamed.</summary>
public sealed record OpenDataMeasurement(string Path, long Rows, long Bytes, double FirstSeconds, double Seconds, double RowsPerSecond, double TargetRowsPerSecond);

public sealed record QueryMeasurement(
    string Name, string Who, string Path, int Samples, long Failed, long? Total, double P50Ms, double P95Ms, double MaxMs, double TargetP95Ms);

/// <summary>
/// Latency of the queries that must stay fast at scale, measured sequentially (no contention): up
/// to 100 requests each after 3 of warm-up, fewer when a query is slow (20 s per query at most).
/// </summary>
public static class ScaleQueries
{
    public const double PageTargetMs = 100;
    public const double OverdueTargetMs = 5000;
    public const double DashboardTargetMs = 200;
    public const double StatisticsTargetMs = 300;
    public const double OpenDataTargetRowsPerSecond = 20_000;
    public const double TriageTargetMs = 50;
    public const string Password = "Bench-Pass-123";
    private const int Samples = 100;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    public static async Task<List<QueryMeasurement>> RunAsync(Uri baseAddress, string manager, string officer, IReadOnlyList<string> codes,
        CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var managerToken = await LoginAsync(client, manager, ct);
        var officerToken = await LoginAsync(client, officer, ct);
        var list = "/api/v1/staff/complaints";
        var published = await PublishedAsync(client, codes, ct);
        var results = new List<QueryMeasurement>
        {
            await MeasureAsync(client, "agency queue, first page", "AgencyOfficer DBMSDA", officerToken, _ => list + "?sort=due", PageTargetMs, ct),
            await MeasureAsync(client, "staff list, newest first", "Manager", managerToken, _ => list, PageTargetMs, ct),
            await MeasureAsync(client, "staff list, filtered", "Manager", managerToken, _ => list + "?status=Dispatched&category=JALAN", PageTargetMs, ct),
            await MeasureAsync(client, "full-text search", "Manager", managerToken, _ => list + "?q=jalan%20rusak", PageTargetMs, ct),
            await MeasureAsync(client, "public status by code", "anyone", null, i => "/api/v1/complaints/" + codes[(i * 7919) % codes.Count], PageTargetMs, ct),
            await MeasureAsync(client, "overdue open reports", "Manager", managerToken, _ => list + "?overdue=true&pageSize=100", OverdueTargetMs, ct),

            // What the public reads (issue 15): the tracking and report pages, the register with each filter, the statistics.
            await MeasureAsync(client, "tracking page /lacak", "anyone", null, i => "/lacak/" + codes[(i * 7919) % codes.Count], PageTargetMs, ct),
            await MeasureAsync(client, "report page /laporan/{code}", "anyone", null, i => "/laporan/" + published[i % published.Count], PageTargetMs, ct),
            await MeasureAsync(client, "register /laporan", "anyone", null, _ => "/laporan", PageTargetMs, ct),
            await MeasureAsync(client, "register, category", "anyone", null, _ => "/laporan?category=JALAN", PageTargetMs, ct),
            await MeasureAsync(client, "register, agency", "anyone", null, _ => "/laporan?agency=DBMSDA", PageTargetMs, ct),
            await MeasureAsync(client, "register, kecamatan", "anyone", null, _ => "/laporan?kecamatan=Bekasi%20Timur", PageTargetMs, ct),
            await MeasureAsync(client, "register, status", "anyone", null, _ => "/laporan?status=FollowedUp", PageTargetMs, ct),
            await MeasureAsync(client, "register, a month", "anyone", null, _ => $"/laporan?from={Day(-30)}&to={Day(0)}", PageTargetMs, ct),
            await MeasureAsync(client, "register, search", "anyone", null, _ => "/laporan?q=jalan%20rusak", PageTargetMs, ct),

            // The statistics keep an answer for minutes (Aduan:Statistics:CacheDuration): each request of a year asks for
            // another year, a day earlier (the period report's years end 150 days before the page's), so that each is counted, as
            // anyone may make them.
            await MeasureAsync(client, "statistics /statistik", "anyone", null, _ => "/statistik", StatisticsTargetMs, ct),
            await MeasureAsync(client, "statistics /statistik, a year", "anyone", null,
                i => $"/statistik?from={Day(-364 - i)}&to={Day(-i)}", StatisticsTargetMs, ct),
            await MeasureAsync(client, "period report, a year", "anyone", null,
                i => $"/api/v1/stats/period?from={Day(-514 - i)}&to={Day(-150 - i)}", StatisticsTargetMs, ct),

            // The leadership dashboard's figures (issue 13): the city for a month, and one agency (DBMSDA) for a month.
            await MeasureAsync(client, "dashboard, city, month", "Manager", managerToken, _ => Dashboard(30), DashboardTargetMs, ct),
            await MeasureAsync(client, "dashboard, city, year", "Manager", managerToken, _ => Dashboard(365), DashboardTargetMs, ct),
            await MeasureAsync(client, "staff list, dashboard link", "Manager", managerToken,
                _ => list + $"?from={Day(-30)}&to={Day(0)}&followedup=true&ontime=true&asal=baru", PageTargetMs, ct),

            // Issue 16: the desk's suggestion (model or keywords) and duplicate search for one report, over HTTP.
            await MeasureAsync(client, "triage: suggest + duplicates", "Manager", managerToken,
                i => $"/api/v1/staff/complaints/{codes[(i * 7919) % codes.Count]}/triage", TriageTargetMs, ct),
        };
        return results;
    }

    private static string Day(int offset) =>
        DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Dashboard(int days) => $"/api/v1/staff/dashboard?from={Day(1 - days)}&to={Day(0)}";

    internal static async Task<string> LoginAsync(HttpClient client, string userName, CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = Password }, ct);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    private static async Task<QueryMeasurement> MeasureAsync(HttpClient client, string name, string who, string? token,
        Func<int, string> path, double targetMs, CancellationToken ct)
    {
        var latencies = new List<long>();
        long failed = 0;
        long? total = null;
        var clock = Stopwatch.StartNew();
        for (var i = -3; i < Samples && (i < 10 || clock.Elapsed < Budget); i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path(i + 3), UriKind.Relative));
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            var begin = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            var elapsed = Stopwatch.GetTimestamp() - begin;
            if (!response.IsSuccessStatusCode)
            {
                failed++;
                continue;
            }

            total ??= TotalOf(body);
            if (i >= 0)
            {
                latencies.Add(elapsed);
            }
        }

        var sorted = latencies.Order().ToArray();
        var m = new QueryMeasurement(name, who, path(0), sorted.Length, failed, total, LoadRunner.Percentile(sorted, 0.5),
            LoadRunner.Percentile(sorted, 0.95), sorted.Length == 0 ? double.NaN : sorted[^1] * 1000.0 / Stopwatch.Frequency, targetMs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    {name,-26} p50 {m.P50Ms,8:F1} ms  p95 {m.P95Ms,8:F1} ms  max {m.MaxMs,8:F1} ms  ({m.Samples} samples{(total is null ? "" : $", {total:N0} matching")}{(failed > 0 ? $", {failed} failed" : "")})"));
        return m;
    }

    /// <summary>Up to 200 of the codes whose report the public register shows (verified, not confidential), found untimed.</summary>
    private static async Task<List<string>> PublishedAsync(HttpClient client, IReadOnlyList<string> codes, CancellationToken ct)
    {
        var published = new List<string>();
        foreach (var code in codes)
        {
            using var response = await client.GetAsync("/laporan/" + code, HttpCompletionOption.ResponseHeadersRead, ct);
            if (response.IsSuccessStatusCode && published.Count < 200)
            {
                published.Add(code);
            }
            else if (published.Count >= 200)
            {
                break;
            }
        }

        return published.Count > 0 ? published : [.. codes.Take(1)];
    }

    /// <summary>
    /// Downloads the open data CSV twice (the first may build the period's snapshot) and reports the second: rows (lines
    /// after the header) per second of the whole transfer.
    /// </summary>
    public static async Task<OpenDataMeasurement> OpenDataAsync(Uri baseAddress, CancellationToken ct)
    {
        const string path = "/api/v1/open-data/complaints.csv";
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(10) };
        (long Rows, long Bytes, double Seconds) first;
        try
        {
            first = await DownloadAsync(client, path, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            // Reported as missed, not the end of the run: at 1M on SQLite the first download (which builds the
            // snapshot) did not answer within the client's 10 minutes.
            Console.WriteLine($"    {"open data CSV",-26} failed: {e.GetType().Name} ({e.Message})");
            return new OpenDataMeasurement(path, 0, 0, double.NaN, double.NaN, 0, OpenDataTargetRowsPerSecond);
        }

        var (rows, bytes, seconds) = await DownloadAsync(client, path, ct);
        var m = new OpenDataMeasurement(path, rows, bytes, first.Seconds, seconds, rows / seconds, OpenDataTargetRowsPerSecond);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    {"open data CSV",-26} {rows:N0} rows, {bytes / 1048576.0:N1} MiB in {seconds:F2} s = {m.RowsPerSecond:N0} rows/s (first download {first.Seconds:F2} s)"));
        return m;
    }

    private static async Task<(long Rows, long Bytes, double Seconds)> DownloadAsync(HttpClient client, string path, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[1 << 16];
        long lines = 0, bytes = 0;
        var quoted = false;
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            bytes += read;
            foreach (var b in buffer.AsSpan(0, read))
            {
                // RFC 4180: a line break inside quotes is part of a field; an escaped quote ("") toggles twice.
                if (b == (byte)'"')
                {
                    quoted = !quoted;
                }
                else if (b == (byte)'\n' && !quoted)
                {
                    lines++;
                }
            }
        }

        return (Math.Max(0, lines - 1), bytes, clock.Elapsed.TotalSeconds);
    }

    private static long? TotalOf(string json)
    {
        if (!json.StartsWith('{'))
        {
            return null; // a page, not the API
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("totalCount", out var total) ? total.GetInt64() : null;
    }
}
