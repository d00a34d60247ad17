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

/// <summary>
/// The open-data files, one per format, in a directory of this instance's own. A request gets the current file
/// when it is younger than <see cref="AduanOptions.OpenDataMaxAge"/>. An older one is still served at once while
/// the next is built in the background (to a temporary file, then moved into place): at a million reports a build
/// takes seconds, at ten million minutes, and nobody waits for it but the first request after start, which has no
/// file to get. A maximum age of zero builds on every request, while it waits. One build at a time for the
/// instance. A file being sent stays readable when the next replaces it (the old one is unlinked, not rewritten).
/// </summary>
public sealed class OpenDataSnapshots(IServiceScopeFactory scopes, IOptions<AduanOptions> options, TimeProvider time,
    ILogger<OpenDataSnapshots> logger) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("aduan-opendata-").FullName;
    private readonly SemaphoreSlim _building = new(1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<OpenDataFormat, DateTimeOffset> _builtAt = [];
    private readonly Dictionary<OpenDataFormat, Task> _rebuilding = [];

    /// <summary>Held while a file is built; a test holds it to show that a stale file is served without waiting for one.</summary>
    internal SemaphoreSlim BuildGate => _building;

    public async Task<FileInfo> GetAsync(OpenDataFormat format, string site, CancellationToken ct)
    {
        var path = Path.Combine(_directory, format switch
        {
            OpenDataFormat.Csv => "complaints.csv",
            OpenDataFormat.CsvIndonesian => "laporan.csv",
            _ => "complaints.json",
        });
        if (File.Exists(path))
        {
            if (Fresh(format))
            {
                return new FileInfo(path);
            }

            if (options.Value.OpenDataMaxAge > TimeSpan.Zero)
            {
                RebuildInBackground(format, path, site); // the old file is served meanwhile
                return new FileInfo(path);
            }
        }

        await _building.WaitAsync(ct);
        try
        {
            if (!Fresh(format) || !File.Exists(path))
            {
                // Not the request's token: a client that leaves must not waste the build the others wait for.
                await BuildAsync(format, path, site, _stopping.Token);
            }

            return new FileInfo(path);
        }
        finally
        {
            _building.Release();
        }
    }

    /// <summary>Starts building the next file unless a build of it is under way; the old one is served meanwhile.</summary>
    private void RebuildInBackground(OpenDataFormat format, string path, string site)
    {
        lock (_rebuilding)
        {
            if (!_rebuilding.TryGetValue(format, out var running) || running.IsCompleted)
            {
                _rebuilding[format] = Task.Run(async () =>
                {
                    await _building.WaitAsync(_stopping.Token);
                    try
                    {
                        if (!Fresh(format))
                        {
                            await BuildAsync(format, path, site, _stopping.Token);
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // The old file stays served; the next request after this one tries again.
                        logger.LogError(e, "Building the {Format} open-data file failed", format);
                    }
                    finally
                    {
                        _building.Release();
                    }
                });
            }
        }
    }

    private async Task BuildAsync(OpenDataFormat format, string path, string site, CancellationToken ct)
    {
        var started = time.GetUtcNow();
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                var register = scope.ServiceProvider.GetRequiredService<PublicRegister>();
                await (format == OpenDataFormat.Json
                    ? OpenDataApi.WriteJsonAsync(file, register, site, ct)
                    : OpenDataApi.WriteCsvAsync(file, register, site, ct, indonesian: format == OpenDataFormat.CsvIndonesian));
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary); // gone already once moved; a failed build leaves no half file
        }

        lock (_builtAt)
        {
            _builtAt[format] = started;
        }
    }

    private bool Fresh(OpenDataFormat format)
    {
        lock (_builtAt)
        {
            return _builtAt.TryGetValue(format, out var at) && time.GetUtcNow() - at < options.Value.OpenDataMaxAge;
        }
    }

    public void Dispose()
    {
        // A build in the background stops at its next batch; its directory goes once it has.
        _stopping.Cancel();
        Task[] running;
        lock (_rebuilding)
        {
            running = [.. _rebuilding.Values];
        }

        Task.WhenAll(running).ContinueWith(_ => { }, TaskScheduler.Default).Wait(TimeSpan.FromSeconds(10));
        _building.Dispose();
        _stopping.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp directory is harmless
        }
    }
}
