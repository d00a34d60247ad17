using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Aduan.Bench.Data;
using Aduan.Bench.Hosting;
using Aduan.Bench.Load;

namespace Aduan.Bench.Intake;

/// <summary>
/// Durable intake: POST /api/v1/complaints at 1, 16 and 64 clients, each request with its own
/// Idempotency-Key as a well-behaved client sends, beside the ceiling at the same clients. The app
/// delivers the confirmation SMS of the reports it takes while it takes them, as under a real flood;
/// those of earlier runs are delivered before the next measurement starts.
/// </summary>
public static class IntakeBench
{
    public static readonly int[] ClientCounts = [1, 16, 64];
    private static readonly Uri Complaints = new("/api/v1/complaints", UriKind.Relative);
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static async Task<List<RatioRow>> RunAsync(AppInstance app, ReferenceData reference, Ceiling ceiling, SmsBacklog sms,
        TimeSpan duration, CancellationToken ct)
    {
        Console.WriteLine("==> intake: POST /api/v1/complaints, then the ceiling (GET /health/live) with the same clients");
        var bodies = Bodies(reference, 4096);
        var next = -1;
        async Task<HttpStatusCode> Submit(HttpClient client, CancellationToken token)
        {
            using var content = new ByteArrayContent(bodies[(Interlocked.Increment(ref next) & int.MaxValue) % bodies.Length]);
            content.Headers.ContentType = Json;
            using var request = new HttpRequestMessage(HttpMethod.Post, Complaints) { Content = content };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            using var response = await client.SendAsync(request, token);
            return response.StatusCode;
        }

        // With as many clients as the largest run, so the batched save the flood takes is the path that warms.
        await LoadRunner.WarmUpAsync(app, "POST /api/v1/complaints", Submit, ct, clients: ClientCounts[^1]);
        await sms.DeliveredAsync(ct);
        var rows = new List<RatioRow>();
        foreach (var clients in ClientCounts)
        {
            var measured = await LoadRunner.RunAsync(app, "POST /api/v1/complaints", clients, duration, Submit, ct);

            // Before the ceiling and the next run; the ceiling queues none.
            await sms.DeliveredAsync(ct);
            rows.Add(new RatioRow(measured, await ceiling.AtAsync(clients, ct)));
        }

        return rows;
    }

    /// <summary>Request bodies made up front, so the clients spend their share of the CPU on sending, not on generating.</summary>
    public static byte[][] Bodies(ReferenceData reference, int count)
    {
        var generator = new ReportGenerator(reference, new Random(7));
        return Enumerable.Range(0, count).Select(_ => generator.Next()).Select(r => JsonSerializer.SerializeToUtf8Bytes(new
        {
            text = r.Text,
            title = r.Title,
            category = r.Category.Code,
            kind = r.Kind.ToString(),
            privacy = r.Privacy.ToString(),
            reporter = r.ReporterName is null && r.Phone is null ? null : new { name = r.ReporterName, phone = r.Phone, email = r.Email },
            location = r.Kecamatan is null && r.Lat is null ? null : new { kecamatan = r.Kecamatan, address = r.Address, lat = r.Lat, lng = r.Lng },
        }, Options)).ToArray();
    }
}
