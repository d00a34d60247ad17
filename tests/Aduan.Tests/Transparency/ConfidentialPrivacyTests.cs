using System.Net;
using Aduan.Tests.Support;

namespace Aduan.Tests.Transparency;

/// <summary>A Confidential report is never published, whichever public door one knocks on.</summary>
public sealed class ConfidentialPrivacyTests : IAsyncLifetime
{
    private const string Secret = "Zamrudkencana";
    private readonly AduanFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ConfidentialReport_DispatchedAndFollowedUp_AppearsNowherePublic()
    {
        var reports = new PublishedReports(_app);
        var visible = await reports.CreateAsync("Jalan berlubang di depan Pasar Baru, dekat Perumahan Zamrud.");
        var hidden = await reports.CreateAsync($"Pungutan liar oleh petugas di {Secret} setiap malam.", privacy: "Confidential",
            followUp: $"Petugas {Secret} sudah diperiksa Inspektorat.");
        using var http = _app.CreateClient();

        string[] urls =
        [
            "/laporan", "/laporan?agency=DBMSDA", "/instansi/DBMSDA", "/instansi/DBMSDA/feed.atom",
            "/instansi/DBMSDA/feed.json", "/instansi/DBMSDA/widget", "/api/v1/open-data/complaints.csv",
            "/api/v1/open-data/complaints.json", "/api/v1/open-data/map.geojson",
        ];
        foreach (var url in urls)
        {
            using var response = await http.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
            Assert.DoesNotContain(hidden, body, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
            Assert.Contains(visible, body, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/laporan/" + hidden)).StatusCode);
        using var visitor = PageClient.For(_app);
        Assert.Empty((await visitor.GetAsync("/laporan?q=" + Secret)).QuerySelectorAll("[data-testid=register-item]"));
        Assert.Single((await visitor.GetAsync("/laporan?q=Perumahan")).QuerySelectorAll("[data-testid=register-item]"));
    }
}
