using System.Net;
using System.Text.Json;
using Aduan.Tests.Support;

namespace Aduan.Tests.Transparency;

/// <summary>What the public reads first: register headings, a report's map, the map's pop-ups, the empty register and the home page.</summary>
public sealed class RegisterHeadingsAndHomeTests : IAsyncLifetime
{
    private readonly AduanFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Register_UntitledReport_IsHeadedByItsFirstMaskedWordsAndItsKecamatan()
    {
        var code = await new PublishedReports(_app).CreateAsync(
            "Pak Joko 0812 3456 7890 bilang jalan di depan Pasar Baru berlubang besar sekali, motor sering terjatuh di sana setiap malam.",
            kecamatan: "Rawalumbu");
        using var visitor = PageClient.For(_app);

        var page = await visitor.GetAsync("/laporan");

        var heading = page.QuerySelector($"[data-code='{code}'] [data-testid=register-heading]")!.TextContent;
        Assert.StartsWith("Pak [nama] [telepon] bilang jalan di depan Pasar Baru", heading, StringComparison.Ordinal);
        Assert.Contains("…", heading, StringComparison.Ordinal);
        Assert.EndsWith("· Kec. Rawalumbu", heading.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("Joko", heading, StringComparison.Ordinal);
        Assert.DoesNotContain("Jalan dan Jembatan", heading, StringComparison.Ordinal); // not only the category
    }

    [Fact]
    public async Task MapPoints_CarryTheHeadingTheStatusInWordsAndTheKecamatan()
    {
        var code = await new PublishedReports(_app).CreateAsync("Saluran air tersumbat sampah, air meluap ke jalan setiap hujan deras turun di kompleks ini.");
        using var http = _app.CreateClient();

        using var json = JsonDocument.Parse(await http.GetStringAsync("/api/v1/open-data/map.geojson"));

        var p = json.RootElement.GetProperty("features").EnumerateArray().Single().GetProperty("properties");
        Assert.Equal(code, p.GetProperty("code").GetString());
        Assert.StartsWith("Saluran air tersumbat sampah", p.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("…", p.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(("InProgress", "Proses", "Bekasi Timur"),
            (p.GetProperty("status").GetString(), p.GetProperty("statusLabel").GetString(), p.GetProperty("kecamatan").GetString()));
    }

    [Fact]
    public async Task ReportPage_PublishedWithAPin_ShowsAMapAtTheRoundedPlaceOnly()
    {
        var code = await new PublishedReports(_app).CreateAsync("Jalan rusak parah di depan sekolah, banyak lubang dalam.");
        using var visitor = PageClient.For(_app);

        var page = await visitor.GetAsync("/laporan/" + code);

        var map = page.QuerySelector("[data-testid=report-map]")!;
        Assert.Equal(("-6.244", "107.01", "InProgress"), (map.GetAttribute("data-marker-lat"), map.GetAttribute("data-marker-lng"), map.GetAttribute("data-status")));
        Assert.NotNull(page.QuerySelector("[data-testid=map-legend]"));
        Assert.Equal("geo:-6.244,107.01", page.QuerySelector("[data-testid=map-links] a[href^='geo:']")!.GetAttribute("href"));
        var html = page.DocumentElement.OuterHtml;
        Assert.DoesNotContain("244123", html, StringComparison.Ordinal); // the exact pin never reaches the public
        Assert.DoesNotContain("010456", html, StringComparison.Ordinal);
        Assert.Matches(@"/js/register-map\.[a-z0-9]+\.js", html); // fingerprinted: cached as immutable
    }

    [Theory]
    [InlineData("Confidential", true)]
    [InlineData("Public", false)]
    public async Task ReportPage_UnpublishedReport_NeverShowsItsPlace(string privacy, bool dispatch)
    {
        var code = await new PublishedReports(_app).CreateAsync("Pungutan liar di loket pelayanan, diminta uang tambahan.", privacy: privacy,
            dispatch: dispatch);
        using var visitor = PageClient.For(_app);

        var page = await visitor.GetAsync("/laporan/" + code);

        Assert.Equal(HttpStatusCode.NotFound, visitor.Status);
        Assert.Null(page.QuerySelector("[data-testid=report-map]"));
        Assert.DoesNotContain("-6.244", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(code, await _app.CreateClient().GetStringAsync("/api/v1/open-data/map.geojson"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_NothingMatches_SuggestsClearingFiltersOrReporting_NothingPublishedSuggestsReporting()
    {
        using var visitor = PageClient.For(_app);

        var filtered = await visitor.GetAsync("/laporan?q=tidakada&kecamatan=Rawalumbu");
        var none = await visitor.GetAsync("/laporan");

        var empty = filtered.QuerySelector("[data-testid=register-empty]")!;
        Assert.Equal(["/laporan", "/lapor"], empty.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Equal(["/lapor"], none.QuerySelector("[data-testid=register-empty]")!.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task Home_Shows112HowItWorksTheLatestFollowUpsAndThisWeeksMap()
    {
        var code = await new PublishedReports(_app).CreateAsync("Lampu penerangan jalan mati total di Jalan Ahmad Yani.");
        using var visitor = PageClient.For(_app);

        var page = await visitor.GetAsync("/");

        Assert.Contains("Darurat? Telepon 112", page.QuerySelector("[data-testid=emergency]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, page.QuerySelectorAll("[data-testid=how-it-works] > li").Length);
        var followUps = page.QuerySelector("[data-testid=follow-ups]")!;
        Assert.Contains(PublishedReports.MaskedFollowUpText, followUps.TextContent, StringComparison.Ordinal);
        Assert.StartsWith($"/laporan/{code}#e", followUps.QuerySelector("a")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("Lampu penerangan jalan mati total di Jalan Ahmad Yani.", followUps.QuerySelector("h3")!.TextContent.Trim());
        Assert.DoesNotContain("Joko", followUps.TextContent, StringComparison.Ordinal);
        // AduanFactory.Start is 2 June 2026, 10.00 WIB: this week began on 27 May.
        Assert.Equal("/api/v1/open-data/map.geojson?from=2026-05-27", page.QuerySelector("[data-testid=home-map]")!.GetAttribute("data-points"));
        Assert.Equal("/laporan?from=2026-05-27", page.QuerySelector("[data-testid=week-link]")!.GetAttribute("href"));
    }
}
