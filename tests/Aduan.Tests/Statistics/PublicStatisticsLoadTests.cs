using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aduan.Tests.Support;

namespace Aduan.Tests.Statistics;

/// <summary>Anyone may ask for statistics: they are cached, and expensive public reads are rate-limited per address.</summary>
public sealed class PublicStatisticsLoadTests
{
    private const string Today = "?from=2026-06-02&to=2026-06-02";

    private static async Task<int> ReceivedAsync(HttpClient client, string query)
    {
        var report = await client.GetFromJsonAsync<JsonElement>("/api/v1/stats/period" + query);
        return report.GetProperty("received").GetInt32();
    }

    [Fact]
    public async Task Period_AskedAgainWithinTheCacheDuration_IsNotCountedAgain()
    {
        await using var app = AduanFactory.With(("Aduan:Statistics:CacheDuration", "00:05:00"));
        var client = app.CreateClient();
        var before = await ReceivedAsync(client, Today);

        await client.SubmitAsync();

        Assert.Equal(before, await ReceivedAsync(client, Today));
        Assert.Equal(before + 1, await ReceivedAsync(client, "?from=2026-06-01&to=2026-06-02")); // another period is counted
    }

    [Theory]
    [InlineData("/statistik")]
    [InlineData("/api/v1/stats/period" + Today)]
    [InlineData("/api/v1/stats/period.csv" + Today)]
    [InlineData("/api/v1/open-data/complaints.csv")]
    [InlineData("/api/v1/open-data/complaints.json")]
    [InlineData("/api/v1/open-data/map.geojson")]
    public async Task ExpensivePublicRead_OverTheLimitPerAddress_429WithRetryAfter(string path)
    {
        await using var app = AduanFactory.With(("Aduan:PublicReadsPerMinute", "3"));
        var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        }

        var refused = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/laporan")).StatusCode); // the register itself stays open
    }
}
