using System.Net;
using System.Text;
using Aduan.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Aduan.Tests.Infrastructure;

/// <summary>Generated values for the inputs of a class (dates, return addresses): each gets an answer, never a 500.</summary>
public sealed class GeneratedInputTests(AduanFactory factory) : IClassFixture<AduanFactory>
{
    private static readonly string[] DatePaths =
        ["/laporan?from={0}&to={1}", "/api/v1/open-data/map.geojson?from={0}&to={1}", "/statistik?from={0}&to={1}", "/api/v1/stats/period?from={0}&to={1}"];

    [Fact]
    public async Task Dates_AnyYear_NeverA500()
    {
        var random = new Random(20261203);
        using var client = factory.CreateClient();
        string[] edges = ["0001-01-01", "9999-12-31", "1969-12-31", "2200-01-01", "0000-00-00", "2026-02-30", "", "%00"];
        foreach (var path in DatePaths)
        {
            for (var i = 0; i < 12; i++)
            {
                var from = i < edges.Length ? edges[i] : $"{random.Next(1, 10000):0000}-{random.Next(1, 13):00}-{random.Next(1, 29):00}";
                var to = $"{random.Next(1, 10000):0000}-12-31";

                using var response = await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, from, to));

                Assert.True((int)response.StatusCode < 500, $"{path} {from} {to}: {(int)response.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task ReturnAddresses_AnyCharacters_RedirectLocallyWithAValidHeader()
    {
        var random = new Random(1708);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        char[] pool = ['/', '\\', '\n', '\r', '\t', ' ', '%', '?', '#', ':', '@', 'a', 'Z', '0', 'é', 'ß', '中', '\u200B', '\uFFFD', '.', '&', '=', '"', '<'];
        for (var i = 0; i < 200; i++)
        {
            var raw = new StringBuilder(i % 3 == 0 ? "//" : "/");
            for (var n = random.Next(0, 24); n > 0; n--)
            {
                raw.Append(pool[random.Next(pool.Length)]);
            }

            using var response = await client.GetAsync("/lang/en?returnUrl=" + Uri.EscapeDataString(raw.ToString()));

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var location = response.Headers.Location!.OriginalString;
            Assert.StartsWith("/", location, StringComparison.Ordinal);
            Assert.False(location.StartsWith("//", StringComparison.Ordinal) || location.StartsWith("/\\", StringComparison.Ordinal), location);
            Assert.All(location, c => Assert.InRange(c, '!', '~'));
        }
    }
}
