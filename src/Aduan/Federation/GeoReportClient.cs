using System.Globalization;
using System.Net;
using System.Text.Json;
using Aduan.Open311;
using Microsoft.Extensions.Options;

namespace Aduan.Federation;

/// <summary>What a call to a peer came to: the value, or why not and whether trying again may help.</summary>
public sealed record PeerResult<T>(T? Value, bool Retry, string? Error)
{
    public bool Ok => Error is null;
}

public static class PeerResult
{
    public static PeerResult<T> Success<T>(T value) => new(value, false, null);

    public static PeerResult<T> Fail<T>(bool retry, string error) => new(default, retry, error);
}

/// <summary>A request as a peer answers <c>GET requests/{id}.json</c>, read back into our words.</summary>
public sealed record PeerRequest(string Id, string Status, string? ExternalStatus, string? StatusNotes, string? ServiceCode, string? Description);

/// <summary>One entry of a peer's <c>servicerequestupdates</c>.</summary>
public sealed record PeerUpdate(string UpdateId, string RequestId, string Status, string? ExternalStatus, DateTimeOffset At, string? Description);

/// <summary>
/// Aduan as a GeoReport v2 client of another instance (typed <see cref="HttpClient"/>, JSON format):
/// posts <c>requests</c> and <c>servicerequestupdates</c> form-encoded with <c>api_key</c> and
/// <c>jurisdiction_id</c>, reads a request and a window of updates. Answers are read up to
/// <see cref="FederationOptions.MaxResponseBytes"/>, in the shapes <see cref="Open311Mapping"/> writes;
/// errors record the HTTP status or a category, never a body or a personal field.
/// </summary>
public sealed class GeoReportClient(HttpClient http, IOptions<FederationOptions> options)
{
    public const string Unreachable = "Unreachable: no connection or no answer in time.";
    public const string NotAllowed = "Not sent: the peer's address is not allowed (Aduan:Federation:AllowLoopback / AllowedInternalHosts).";

    public async Task<PeerResult<(string Id, string? Notice)>> PostRequestAsync(FederationPeer peer, IEnumerable<KeyValuePair<string, string>> fields,
        string idempotencyKey, CancellationToken ct)
    {
        var result = await SendAsync(HttpMethod.Post, peer, "requests.json", fields, idempotencyKey, ct);
        if (!result.Ok)
        {
            return PeerResult.Fail<(string, string?)>(result.Retry, result.Error!);
        }

        var first = FirstOf(result.Value);
        return first?.TryGetProperty("service_request_id", out var id) == true && Text(id) is { } value
            ? PeerResult.Success<(string, string?)>((value, Field(first.Value, "service_notice")))
            : PeerResult.Fail<(string, string?)>(false, "The peer's answer has no service_request_id.");
    }

    public async Task<PeerResult<string>> PostUpdateAsync(FederationPeer peer, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken ct)
    {
        var result = await SendAsync(HttpMethod.Post, peer, "servicerequestupdates.json", fields, null, ct);
        if (!result.Ok)
        {
            return PeerResult.Fail<string>(result.Retry, result.Error!);
        }

        return FirstOf(result.Value) is { } first && Field(first, "update_id") is { } id
            ? PeerResult.Success<string>(id)
            : PeerResult.Fail<string>(false, "The peer's answer has no update_id.");
    }

    public async Task<PeerResult<PeerRequest?>> GetRequestAsync(FederationPeer peer, string id, CancellationToken ct)
    {
        var result = await SendAsync(HttpMethod.Get, peer, $"requests/{Uri.EscapeDataString(id)}.json", [], null, ct);
        if (!result.Ok)
        {
            return result.Error == "HTTP 404" ? PeerResult.Success<PeerRequest?>(null) : PeerResult.Fail<PeerRequest?>(result.Retry, result.Error!);
        }

        return PeerResult.Success<PeerRequest?>(FirstOf(result.Value) is { } r
            ? new PeerRequest(Field(r, "service_request_id") ?? id, Field(r, "status") ?? "open",
                r.TryGetProperty("extended_attributes", out var x) && x.ValueKind == JsonValueKind.Object ? Field(x, "external_status_code") : null,
                Field(r, "status_notes"), Field(r, "service_code"), Field(r, "description"))
            : null);
    }

    /// <summary>One page of the peer's updates from <paramref name="from"/> on (the peer's window decides the end).</summary>
    public async Task<PeerResult<IReadOnlyList<PeerUpdate>>> GetUpdatesAsync(FederationPeer peer, DateTimeOffset from, int page, int pageSize,
        CancellationToken ct)
    {
        var query = new Dictionary<string, string>
        {
            ["start_date"] = Open311Writer.Instant(from),
            ["page"] = page.ToString(CultureInfo.InvariantCulture),
            ["page_size"] = pageSize.ToString(CultureInfo.InvariantCulture),
        };
        var result = await SendAsync(HttpMethod.Get, peer, "servicerequestupdates.json", query, null, ct);
        if (!result.Ok)
        {
            return PeerResult.Fail<IReadOnlyList<PeerUpdate>>(result.Retry, result.Error!);
        }

        var updates = new List<PeerUpdate>();
        if (result.Value.ValueKind == JsonValueKind.Array)
        {
            foreach (var u in result.Value.EnumerateArray())
            {
                if (Field(u, "update_id") is { } updateId && Field(u, "service_request_id") is { } requestId
                    && Field(u, "updated_datetime") is { } at && Open311Form.TryInstant(at, out var instant))
                {
                    updates.Add(new PeerUpdate(updateId, requestId, Field(u, "status") ?? "", Field(u, "external_status_code"), instant,
                        Field(u, "description")));
                }
            }
        }

        return PeerResult.Success<IReadOnlyList<PeerUpdate>>(updates);
    }

    private async Task<PeerResult<JsonElement>> SendAsync(HttpMethod method, FederationPeer peer, string path,
        IEnumerable<KeyValuePair<string, string>> fields, string? idempotencyKey, CancellationToken ct)
    {
        var all = fields.Concat([new("api_key", peer.ApiKey), new("jurisdiction_id", peer.JurisdictionId)]).ToList();
        using var request = method == HttpMethod.Get
            ? new HttpRequestMessage(method, new Uri(new Uri(peer.BaseUrl), path + "?" + Query(all)))
            : new HttpRequestMessage(method, new Uri(new Uri(peer.BaseUrl), path)) { Content = new FormUrlEncodedContent(all) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.RequestTimeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (status is < 200 or >= 300)
            {
                // 409: the peer's report changed under the update; the next attempt reads it afresh.
                var retry = status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.Conflict or (int)HttpStatusCode.TooManyRequests or >= 500;
                return PeerResult.Fail<JsonElement>(retry, $"HTTP {status}");
            }

            var body = await ReadLimitedAsync(response.Content, options.Value.MaxResponseBytes, timeout.Token);
            if (body is null)
            {
                return PeerResult.Fail<JsonElement>(false, "The peer's answer is larger than Aduan:Federation:MaxResponseBytes.");
            }

            try
            {
                using var document = JsonDocument.Parse(body);
                return PeerResult.Success<JsonElement>(document.RootElement.Clone());
            }
            catch (JsonException)
            {
                return PeerResult.Fail<JsonElement>(true, "The peer's answer is not JSON.");
            }
        }
        catch (HttpRequestException e) when (e.InnerException is FederationAddressException)
        {
            return PeerResult.Fail<JsonElement>(false, NotAllowed);
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return PeerResult.Fail<JsonElement>(true, Unreachable);
        }
    }

    private static async Task<byte[]?> ReadLimitedAsync(HttpContent content, int limit, CancellationToken ct)
    {
        if (content.Headers.ContentLength > limit)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string Query(IEnumerable<KeyValuePair<string, string>> fields) =>
        string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));

    /// <summary>The spec's answers are lists (<c>[{"service_request_id": …}]</c>); the first entry, or null.</summary>
    private static JsonElement? FirstOf(JsonElement root) =>
        root is { ValueKind: JsonValueKind.Array } a && a.GetArrayLength() > 0 && a[0].ValueKind == JsonValueKind.Object ? a[0] : null;

    private static string? Field(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? Text(v) : null;

    /// <summary>Ids and codes are strings in the spec, though some servers write numbers.</summary>
    private static string? Text(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText(),
        _ => null,
    };
}
