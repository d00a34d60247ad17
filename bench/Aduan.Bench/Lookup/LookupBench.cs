using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using Aduan.Bench.Data;
using Aduan.Bench.Hosting;
using Aduan.Bench.Intake;
using Aduan.Bench.Load;

namespace Aduan.Bench.Lookup;

/// <summary>The public status page's read: GET /api/v1/complaints/{code} for random existing codes, at 16 and 64 clients.</summary>
public static class LookupBench
{
    public static readonly int[] ClientCounts = [16, 64];
    private const int MinimumCodes = 2000;

    public static async Task<List<RatioRow>> RunAsync(AppInstance app, DbConnection connection, ReferenceData reference, Ceiling ceiling,
        TimeSpan duration, CancellationToken ct)
    {
        Console.WriteLine("==> lookup: GET /api/v1/complaints/{code} for random existing codes, then the ceiling");
        var codes = await CodesAsync(connection, 50_000, ct);
        if (codes.Count < MinimumCodes)
        {
            Console.WriteLine($"    submitting {MinimumCodes} reports to look up ...");
            await SubmitAsync(app.BaseAddress, reference, MinimumCodes, ct);
            codes = await CodesAsync(connection, 50_000, ct);
        }

        var paths = codes.Select(c => new Uri("/api/v1/complaints/" + c, UriKind.Relative)).ToArray();
        async Task<HttpStatusCode> Get(HttpClient client, CancellationToken token)
        {
            using var response = await client.GetAsync(paths[Random.Shared.Next(paths.Length)], token);
            return response.StatusCode;
        }

        await LoadRunner.WarmUpAsync(app, "GET /api/v1/complaints/{code}", Get, ct);
        var rows = new List<RatioRow>();
        foreach (var clients in ClientCounts)
        {
            var measured = await LoadRunner.RunAsync(app, "GET /api/v1/complaints/{code}", clients, duration, Get, ct);
            rows.Add(new RatioRow(measured, await ceiling.AtAsync(clients, ct)));
        }

        return rows;
    }

    /// <summary>Tracking codes of the newest reports, read straight from the database.</summary>
    public static async Task<List<string>> CodesAsync(DbConnection connection, int limit, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT "TrackingCode" FROM "Complaints" ORDER BY "Id" DESC LIMIT {limit}""";
        await using var reader = await command.ExecuteReaderAsync(ct);
        var codes = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            codes.Add(reader.GetString(0));
        }

        return codes;
    }

    private static async Task SubmitAsync(Uri baseAddress, ReferenceData reference, int count, CancellationToken ct)
    {
        var bodies = IntakeBench.Bodies(reference, count);
        using var client = new HttpClient { BaseAddress = baseAddress };
        await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (body, token) =>
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync(new Uri("/api/v1/complaints", UriKind.Relative), content, token);
            response.EnsureSuccessStatusCode();
        });
    }
}
