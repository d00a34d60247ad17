using System.Globalization;
using System.Text.Json;
using Aduan.Tests.Support;
using CsvHelper;

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
        Assert.DoesNotContain(row.Keys, k => k.Contains("Reporter", StringComparison.OrdinalIgnoreCase));
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
}
