using System.Text;
using System.Text.Json;
using Aduan.Complaints;
using Aduan.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Transparency;

/// <summary>One published report in the open data: no reporter field, masked texts, rounded coordinates.</summary>
public sealed record OpenDataRow(
    string TrackingCode, string Url, string Title, string Text, string Kind, string Status, string? CategoryCode,
    string? CategoryName, string? AgencyCode, string? AgencyName, string? Kecamatan, string? Address, double? Latitude,
    double? Longitude, DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ResolvedAt, string? ReporterName);

/// <summary>
/// The register as open data, CSV and JSON, every published report newest first. Written in
/// batches by id (keyset), so a million rows stream out without being held in memory.
/// </summary>
public static class OpenDataApi
{
    private const int Batch = 500;

    public static void MapOpenDataApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/open-data").WithTags("Open data").AllowAnonymous().RequireRateLimiting(RateLimits.PublicRead);
        // Whole-register downloads stream for as long as the client reads (no request time-out), and only a
        // few run at once across all clients (OpenDataGate): each reads every published report.
        group.MapGet("/complaints.csv", CsvAsync).WithSummary("Every published report as CSV (UTF-8), personal data removed.")
            .AddEndpointFilter<OpenDataGate>().DisableRequestTimeout();
        group.MapGet("/complaints.json", JsonAsync).WithSummary("Every published report as JSON, personal data removed.")
            .AddEndpointFilter<OpenDataGate>().DisableRequestTimeout();
    }

    public static async Task CsvAsync(HttpContext http, PublicRegister register, CancellationToken ct)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"laporan.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), leaveOpen: true);
        await using var csv = SpreadsheetSafety.CsvWriter(writer);
        string[] iso = ["O"]; // 2026-06-02T03:00:00.0000000+00:00, what spreadsheets and scripts read everywhere
        csv.Context.TypeConverterOptionsCache.GetOptions<DateTimeOffset>().Formats = iso;
        csv.Context.TypeConverterOptionsCache.GetOptions<DateTimeOffset?>().Formats = iso;
        csv.WriteHeader<OpenDataRow>();
        await csv.NextRecordAsync();
        await foreach (var row in RowsAsync(register, AgencyFeeds.Site(http), ct))
        {
            csv.WriteRecord(row);
            await csv.NextRecordAsync();
        }
    }

    public static async Task JsonAsync(HttpContext http, PublicRegister register, CancellationToken ct)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        // Over the response's pipe: the serializer's flushes only hand buffers to the pipe, the awaits send them.
        var body = http.Response.BodyWriter;
        await using var json = new Utf8JsonWriter(body);
        var sent = 0L;
        json.WriteStartArray();
        await foreach (var row in RowsAsync(register, AgencyFeeds.Site(http), ct))
        {
            JsonSerializer.Serialize(json, row, options);
            if (json.BytesCommitted - sent > 32 * 1024)
            {
                await body.FlushAsync(ct);
                sent = json.BytesCommitted;
            }
        }

        json.WriteEndArray();
        await json.FlushAsync(ct);
        await body.FlushAsync(ct);
    }

    private static async IAsyncEnumerable<OpenDataRow> RowsAsync(PublicRegister register, string site,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var before = long.MaxValue;
        while (true)
        {
            var rows = await register.Published().Where(c => c.Id < before).OrderByDescending(c => c.Id).Take(Batch)
                .Select(c => new
                {
                    c.Id, c.TrackingCode, c.Title, c.Text, c.PublicTitle, c.PublicText, c.MaskVersion, c.Kind, c.Status, CategoryCode = c.Category!.Code, CategoryName = c.Category.Name,
                    AgencyCode = c.LeadAgency!.Code, AgencyName = c.LeadAgency.Name, c.Location.Kecamatan, c.Location.Address,
                    c.Location.Latitude, c.Location.Longitude, c.SubmittedAt, c.UpdatedAt, c.ResolvedAt,
                    ConsentedName = c.NamePublished && c.Privacy == PrivacyMode.Public ? c.Reporter.Name : null,
                }).ToListAsync(ct);
            foreach (var c in rows)
            {
                yield return new OpenDataRow(c.TrackingCode, $"{site}/laporan/{c.TrackingCode}",
                    // The masked texts stored with the report; masked here only if written by an older mask.
                    (c.MaskVersion == PersonalDataMask.Version ? c.PublicTitle : PersonalDataMask.Apply(c.Title)) ?? "",
                    (c.MaskVersion == PersonalDataMask.Version ? c.PublicText : PersonalDataMask.Apply(c.Text)) ?? "",
                    c.Kind.ToString(), c.Status.ToString(),
                    c.CategoryCode, c.CategoryName, c.AgencyCode, c.AgencyName, c.Kecamatan, PersonalDataMask.Apply(c.Address),
                    PublicRegister.Round(c.Latitude), PublicRegister.Round(c.Longitude), c.SubmittedAt, c.UpdatedAt, c.ResolvedAt,
                    PersonalDataMask.Apply(c.ConsentedName));
            }

            if (rows.Count < Batch)
            {
                yield break;
            }

            before = rows[^1].Id;
        }
    }
}

/// <summary>
/// At most <see cref="AduanOptions.OpenDataDownloadsAtOnce"/> whole-register downloads at a time across
/// all clients; one more is a 503 with Retry-After, not another core spent.
/// </summary>
public sealed class OpenDataGate(OpenDataGate.Slots slots) : IEndpointFilter
{
    public sealed class Slots(IOptions<AduanOptions> options)
    {
        public SemaphoreSlim Semaphore { get; } = new(options.Value.OpenDataDownloadsAtOnce);
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!await slots.Semaphore.WaitAsync(0))
        {
            context.HttpContext.Response.Headers.RetryAfter = "30";
            var problems = context.HttpContext.RequestServices.GetRequiredService<Problems>();
            return problems.Create(StatusCodes.Status503ServiceUnavailable, "busy", "Problem.Busy.Title", problems.T["Problem.Busy.Detail"]);
        }

        try
        {
            return await next(context);
        }
        finally
        {
            slots.Semaphore.Release();
        }
    }
}
