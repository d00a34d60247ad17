using System.Net;
using Aduan.Tests.Support;

namespace Aduan.Tests.Infrastructure;

/// <summary>
/// The Prometheus endpoint: off by default, served over real HTTP to the allowed networks only, counting reports by
/// channel and requests by route, and holding nothing of a report or a reporter (generated names, phones and texts).
/// </summary>
public sealed class TelemetryTests : IDisposable
{
    private readonly AduanFactory _database = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("aduan-metrics-").FullName;

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Metrics_ByDefault_AreNotServed()
    {
        var response = await _database.CreateClient().GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_On_CountReportsByChannelAndRoutesWithoutPersonalData()
    {
        await using var app = await AppServer.StartAsync(_dir, new Dictionary<string, string>(_database.ProcessEnvironment)
        {
            ["Aduan__Telemetry__MetricsEnabled"] = "true",
            ["Aduan__IntakePerMinute"] = "1000",
        });
        var random = new Random(20261204);
        var secrets = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var name = $"Warga {Word(random)} {Word(random)}";
            var phone = $"0812{random.Next(10_000_000, 99_999_999)}";
            var text = $"Saluran di gang {Word(random)} tersumbat sampah {Word(random)} sejak minggu lalu, mohon dibersihkan.";
            var created = await app.Client.SubmitAsync(TestApi.Report(text, reporter: new { name, phone }));
            Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync($"/lacak/{created.TrackingCode}")).StatusCode);
            secrets.AddRange([name, phone, text[..30], created.TrackingCode, created.ReporterKey]);
        }

        var response = await app.Client.GetAsync("/metrics");
        var scrape = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("""aduan_reports_received_total\{[^}]*channel="Web"[^}]*\} 3\b""", scrape);
        Assert.Matches("""http_server_request_duration_seconds_count\{[^}]*http_route="/?lacak/\{code\??\}"[^}]*\} 3\b""", scrape);
        Assert.Contains("aduan_intake_batch_size_bucket", scrape, StringComparison.Ordinal);
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, scrape, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Metrics_On_FromANetworkNotAllowed_AreNotServed()
    {
        await using var app = await AppServer.StartAsync(_dir, new Dictionary<string, string>(_database.ProcessEnvironment)
        {
            ["Aduan__Telemetry__MetricsEnabled"] = "true",
            ["Aduan__Telemetry__MetricsAllowedNetworks"] = "10.0.0.0/8, fd00::/8",
        });

        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/metrics")).StatusCode);
    }

    [Theory]
    [InlineData("localhost/8")]
    [InlineData("10.0.0.0/33")]
    public void AllowedNetworks_NotNetworks_StopTheAppWithTheSettingsName(string networks)
    {
        using var app = AduanFactory.With(("Aduan:Telemetry:MetricsAllowedNetworks", networks));

        var e = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Aduan:Telemetry:MetricsAllowedNetworks", e.ToString(), StringComparison.Ordinal);
    }

    private static string Word(Random random) =>
        string.Concat(Enumerable.Range(0, random.Next(5, 9)).Select(_ => (char)('a' + random.Next(26))));
}
