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
/// The register as open data, CSV and JSON, every published report newest first. Served from a file
/// built at most every <see cref="AduanOptions.OpenDataMaxAge"/> (<see cref="OpenDataSnapshots"/>):
/// the database is read once per period whatever the number of clients, and a client that reads
/// slowly holds only its connection, as for any static file. Written in batches by id (keyset), so a
/// million rows stream to the file without being held in memory.
/// </summary>
public static class OpenDataApi
{
    private const int Batch = 500;

    public static void MapOpenDataApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/open-data").WithTags("Open data").AllowAnonymous().RequireRateLimiting(RateLimits.PublicRead);
        group.MapGet("/complaints.csv", (HttpContext http, OpenDataSnapshots snapshots, CancellationToken ct) =>
                ServeAsync(http, snapshots, OpenDataFormat.Csv, ct))
            .WithSummary("Every published report as CSV (UTF-8), personal data removed; rebuilt at most every few minutes.")
            .DisableRequestTimeout();
        group.MapGet("/laporan.csv", (HttpContext http, OpenDataSnapshots snapshots, CancellationToken ct) =>
                ServeAsync(http, snapshots, OpenDataFormat.CsvIndonesian, ct))
            .WithSummary("The same CSV with Indonesian column names (KodeLacak, Judul, Isi, ...), for people opening it in a spreadsheet.")
            .DisableRequestTimeout();
        group.MapGet("/complaints.json", (HttpContext http, OpenDataSnapshots snapshots, CancellationToken ct) =>
                ServeAsync(http, snapshots, OpenDataFormat.Json, ct))
            .WithSummary("Every published report as JSON, personal data removed; rebuilt at most every few minutes.")
            .DisableRequestTimeout();
    }

    private static async Task<IResult> ServeAsync(HttpContext http, OpenDataSnapshots snapshots, OpenDataFormat format, CancellationToken ct)
    {
        var file = await snapshots.GetAsync(format, AgencyFeeds.Site(http), ct);
        return format == OpenDataFormat.Json
            ? Results.File(file.FullName, "application/json; charset=utf-8", null, file.LastWriteTimeUtc, enableRangeProcessing: true)
            : Results.File(file.FullName, "text/csv; charset=utf-8", "laporan.csv", file.LastWriteTimeUtc, enableRangeProcessing: true);
    }

    /// <summary>The Indonesian column names of <see cref="OpenDataRow"/>, in the glossary's words (docs/glossary.md).</summary>
    public static readonly IReadOnlyDictionary<string, string> IndonesianColumns = new Dictionary<string, string>
    {
        [nameof(OpenDataRow.TrackingCode)] = "KodeLacak", [nameof(OpenDataRow.Url)] = "Tautan", [nameof(OpenDataRow.Title)] = "Judul",
        [nameof(OpenDataRow.Text)] = "Isi", [nameof(OpenDataRow.Kind)] = "Jenis", [nameof(OpenDataRow.Status)] = "Status",
        [nameof(OpenDataRow.CategoryCode)] = "KodeKategori", [nameof(OpenDataRow.CategoryName)] = "Kategori",
        [nameof(OpenDataRow.AgencyCode)] = "KodeInstansi", [nameof(OpenDataRow.AgencyName)] = "Instansi",
        [nameof(OpenDataRow.Kecamatan)] = "Kecamatan", [nameof(OpenDataRow.Address)] = "Alamat", [nameof(OpenDataRow.Latitude)] = "Lintang",
        [nameof(OpenDataRow.Longitude)] = "Bujur", [nameof(OpenDataRow.SubmittedAt)] = "Dilaporkan", [nameof(OpenDataRow.UpdatedAt)] = "Diperbarui",
        [nameof(OpenDataRow.ResolvedAt)] = "Selesai", [nameof(OpenDataRow.ReporterName)] = "NamaPelapor",
    };

    private sealed class IndonesianMap : CsvHelper.Configuration.ClassMap<OpenDataRow>
    {
        public IndonesianMap()
        {
            AutoMap(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var member in MemberMaps)
            {
                member.Name(IndonesianColumns[member.Data.Member!.Name]);
            }
        }
    }

    public static async Task WriteCsvAsync(Stream output, PublicRegister register, string site, CancellationToken ct, bool indonesian = false)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        await using var csv = SpreadsheetSafety.CsvWriter(writer);
        if (indonesian)
        {
            csv.Context.RegisterClassMap(new IndonesianMap());
        }

        string[] iso = ["O"]; // 2026-06-02T03:00:00.0000000+00:00, what spreadsheets and scripts read everywhere
        csv.Context.TypeConverterOptionsCache.GetOptions<DateTimeOffset>().Formats = iso;
        csv.Context.TypeConverterOptionsCache.GetOptions<DateTimeOffset?>().Formats = iso;
        csv.WriteHeader<OpenDataRow>();
        await csv.NextRecordAsync();
        await foreach (var row in RowsAsync(register, site, ct))
        {
            csv.WriteRecord(row);
            await csv.NextRecordAsync();
        }
    }

    public static async Task WriteJsonAsync(Stream output, PublicRegister register, string site, CancellationToken ct)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        await using var json = new Utf8JsonWriter(output);
        json.WriteStartArray();
        await foreach (var row in RowsAsync(register, site, ct))
        {
            JsonSerializer.Serialize(json, row, options);
            if (json.BytesPending > 32 * 1024)
            {
                await json.FlushAsync(ct);
            }
        }

        json.WriteEndArray();
        await json.FlushAsync(ct);
    }

    /// <summary>The next batch, newest id first: a range of the primary key, whatever the number of published reports.</summary>
    internal static IQueryable<Complaint> BatchBefore(IQueryable<Complaint> published, long before) =>
        published.Where(c => c.Id < before).OrderByDescending(c => c.Id).Take(Batch);

    private static async IAsyncEnumerable<OpenDataRow> RowsAsync(PublicRegister register, string site,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var before = long.MaxValue;
        while (true)
        {
            var rows = await BatchBefore(register.Published(), before)
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

public enum OpenDataFormat
{
    Csv,
    Json,

    /// <summary>The CSV with Indonesian column names.</summary>
    CsvIndonesian,
}
