using System.Globalization;
using System.Text.Json;
using Aduan.Tests.Support;
using Aduan.Transparency;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Transparency;

/// <summary>The register as open data: every published report, no reporter, masked texts, rounded places.</summary>
public sealed class OpenDataTests : IAsyncLifetime
{
    private readonly AduanFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task OpenData_CsvAndJson_HoldPublishedReportsWithoutPersonalData()
    {
        var reports = new PublishedReports(_app);
        var code = await reports.CreateAsync("Jalan berlubang; saya Bu Siti, hp 0812 3456 7890, rumah Jl. Kenari No. 8.");
        await reports.CreateAsync("Belum diverifikasi: lampu mati di Jalan Kemakmuran.", dispatch: false);
        using var http = _app.CreateClient();

        var csvText = await http.GetStringAsync("/api/v1/open-data/complaints.csv");
        var json = await http.GetStringAsync("/api/v1/open-data/complaints.json");

        using var csv = new CsvReader(new StringReader(csvText), CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        var row = Assert.Single(rows);
        Assert.Equal(code, row["TrackingCode"]);
        Assert.Equal("Jalan berlubang; saya Bu [nama], hp [telepon], rumah Jl. Kenari [alamat].", row["Text"]);
        Assert.Equal("Jl. Margahayu [alamat]", row["Address"]);
        Assert.Equal("-6.244", row["Latitude"]);
        Assert.Equal("107.01", row["Longitude"]);
        Assert.Equal(AduanFactory.Start, DateTimeOffset.ParseExact((string)row["SubmittedAt"], "O", CultureInfo.InvariantCulture));
        // The only reporter column is the name a reporter chose to publish; this one did not choose.
        Assert.Equal(["ReporterName"], row.Keys.Where(k => k.Contains("Reporter", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal("", row["ReporterName"]);
        var item = Assert.Single(JsonDocument.Parse(json).RootElement.EnumerateArray());
        Assert.Equal(code, item.GetProperty("trackingCode").GetString());
        Assert.Equal(row["Text"], item.GetProperty("text").GetString());
        Assert.Equal(-6.244, item.GetProperty("latitude").GetDouble());
        foreach (var body in new[] { csvText, json })
        {
            Assert.DoesNotContain("Siti", body, StringComparison.Ordinal);
            Assert.DoesNotContain("siti@contoh.id", body, StringComparison.Ordinal);
            Assert.DoesNotContain("3456", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OpenData_InIndonesianColumns_HoldsTheSameRowsUnderTheGlossarysNames()
    {
        var code = await new PublishedReports(_app).CreateAsync("Saluran tersumbat di Jl. Cut Meutia, hp 0812 3456 7890.");
        using var http = _app.CreateClient();

        var english = await http.GetStringAsync("/api/v1/open-data/complaints.csv");
        var indonesian = await http.GetStringAsync("/api/v1/open-data/laporan.csv");

        var header = indonesian.Split('\n')[0].Trim().Split(',');
        Assert.Equal(OpenDataApi.IndonesianColumns.Values.Order(), header.Order());
        Assert.Equal(english.Split('\n')[0].Trim().Split(',').Select(h => OpenDataApi.IndonesianColumns[h]), header);
        using var csv = new CsvReader(new StringReader(indonesian), CultureInfo.InvariantCulture);
        var row = Assert.Single(csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>());
        Assert.Equal(code, row["KodeLacak"]);
        Assert.Contains("[telepon]", (string)row["Isi"], StringComparison.Ordinal);
        Assert.Equal(english.Split('\n')[1], indonesian.Split('\n')[1]);
    }

    [Fact]
    public async Task OpenData_ServesTheMaskedTextsStoredWithEachReport_NotMaskedAgainPerRequest()
    {
        var code = await new PublishedReports(_app).CreateAsync("Lampu jalan mati di depan pasar, hp 0812 3456 7890.");
        await _app.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == code)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.PublicText, "Teks publik yang tersimpan.")));
        using var http = _app.CreateClient();

        var json = JsonDocument.Parse(await http.GetStringAsync("/api/v1/open-data/complaints.json"));

        Assert.Equal("Teks publik yang tersimpan.", Assert.Single(json.RootElement.EnumerateArray()).GetProperty("text").GetString());
    }

    [Fact]
    public async Task OpenData_OlderThanTheMaxAge_ServedAtOnceWhileTheNextIsBuilt()
    {
        using var app = AduanFactory.With(("Aduan:OpenDataMaxAge", "01:00:00"));
        using var http = app.CreateClient();
        var first = await DownloadedThenChangedAsync(app, http);

        var cached = await http.GetStringAsync("/api/v1/open-data/complaints.csv");
        using var range = new HttpRequestMessage(HttpMethod.Get, "/api/v1/open-data/complaints.csv");
        range.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 9);
        using var partial = await http.SendAsync(range);

        // Two hours on: the hour-old file is answered while no build can run (a request waiting for one would time out here).
        app.Time.Advance(TimeSpan.FromHours(2));
        var gate = app.Services.GetRequiredService<OpenDataSnapshots>().BuildGate;
        await gate.WaitAsync();
        string stale;
        try
        {
            stale = await http.GetStringAsync("/api/v1/open-data/complaints.csv").WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            gate.Release();
        }

        await app.Services.GetRequiredService<OpenDataSnapshots>().Rebuilding(OpenDataFormat.Csv);
        var rebuilt = await http.GetStringAsync("/api/v1/open-data/complaints.csv");

        Assert.Equal(first, cached);
        Assert.Equal(System.Net.HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(first[..10], await partial.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Teks baru", cached, StringComparison.Ordinal);
        Assert.Equal(first, stale);
        Assert.Contains("Teks baru setelah unduhan pertama.", rebuilt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenData_ABuildFails_TheOldFileStaysServedAndTheNextTryComesAMinuteLater()
    {
        using var app = AduanFactory.With(("Aduan:OpenDataMaxAge", "01:00:00"));
        using var http = app.CreateClient();
        var first = await DownloadedThenChangedAsync(app, http);

        // The reports cannot be read while the next file is built in the background.
        var snapshots = app.Services.GetRequiredService<OpenDataSnapshots>();
        app.Time.Advance(TimeSpan.FromHours(2));
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Complaints" RENAME TO "ComplaintsAway" """));
        var stale = await http.GetStringAsync("/api/v1/open-data/complaints.csv");
        var failed = snapshots.Rebuilding(OpenDataFormat.Csv);
        await failed;
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""ALTER TABLE "ComplaintsAway" RENAME TO "Complaints" """));
        var withinTheMinute = await http.GetStringAsync("/api/v1/open-data/complaints.csv");
        var triedWithinTheMinute = snapshots.Rebuilding(OpenDataFormat.Csv) != failed;

        app.Time.Advance(TimeSpan.FromMinutes(1));
        await http.GetStringAsync("/api/v1/open-data/complaints.csv");
        await snapshots.Rebuilding(OpenDataFormat.Csv);
        var rebuilt = await http.GetStringAsync("/api/v1/open-data/complaints.csv");

        Assert.False(triedWithinTheMinute);
        Assert.Equal(first, stale);
        Assert.Equal(first, withinTheMinute);
        Assert.Contains("Teks baru setelah unduhan pertama.", rebuilt, StringComparison.Ordinal);
    }

    /// <summary>A published report's CSV as first downloaded; its text changed in the database since.</summary>
    private static async Task<string> DownloadedThenChangedAsync(AduanFactory app, HttpClient http)
    {
        var code = await new PublishedReports(app).CreateAsync("Lampu jalan mati di depan pasar Bekasi Timur.");
        var first = await http.GetStringAsync("/api/v1/open-data/complaints.csv");
        await app.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == code)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.PublicText, "Teks baru setelah unduhan pertama.")));
        return first;
    }

    [Fact]
    public async Task OpenDataCsv_GeneratedFormulaLikeTitlesAndTexts_EveryCellEscaped()
    {
        var reports = new PublishedReports(_app);
        var random = new Random(20261216);
        var codes = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var code = await reports.CreateAsync(FormulaText.Next(random) + " lampu jalan mati total", followUp: null);
            codes.Add(code);
        }

        // A title through the API, and texts led by a tab or a carriage return, which input trims, as older rows may hold them.
        foreach (var code in codes)
        {
            var title = FormulaText.Next(random);
            var text = (random.Next(2) == 0 ? "\t" : "\r") + FormulaText.Next(random);
            await _app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
                $"""UPDATE "Complaints" SET "Title" = {title}, "Text" = {text} WHERE "TrackingCode" = {code}"""));
        }

        using var http = _app.CreateClient();

        var csvText = await http.GetStringAsync("/api/v1/open-data/complaints.csv");

        using var csv = new CsvParser(new StringReader(csvText), CultureInfo.InvariantCulture);
        var rows = 0;
        while (csv.Read())
        {
            Assert.All(csv.Record!, cell => Assert.False(FormulaText.WouldRun(cell), cell));
            rows++;
        }

        Assert.Equal(codes.Count + 1, rows);
        Assert.Contains("-6.244", csvText, StringComparison.Ordinal); // coordinates stay numbers
    }
}
