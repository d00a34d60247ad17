using Aduan.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aduan.BrowserTests;

/// <summary>
/// What a phone downloads for the pages with a map, tiles aside: the page, its stylesheet and scripts
/// and Leaflet, as sent (compressed). Issue 12 set the bound at 80 KB; a cheap phone on a slow plan pays for each byte.
/// </summary>
public sealed class PageWeightTests(BrowserApp app) : BrowserTest(app)
{
    private const long Budget = 80 * 1024;

    [Theory]
    [InlineData("/lapor", "#show-map")]
    [InlineData("/laporan?peta=1", null)]
    public Task MapPage_BeforeTiles_WeighsUnder80KB(string path, string? openMap) => InPageAsync(async page =>
    {
        var responses = new List<IResponse>();
        page.Response += (_, response) => responses.Add(response);

        await page.GotoAsync(path);
        if (openMap is not null)
        {
            await page.Locator(openMap).ClickAsync();
            await Expect(page.Locator(".leaflet-container")).ToBeVisibleAsync();
        }

        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        long total = 0;
        var lines = new List<string>();
        foreach (var response in responses.Where(r => r.Url.StartsWith(App.BaseAddress, StringComparison.Ordinal)))
        {
            var sizes = await response.Request.SizesAsync();
            var bytes = sizes.ResponseBodySize + sizes.ResponseHeadersSize;
            total += bytes;
            lines.Add($"{bytes,7} {response.Url}");
        }

        // Leaflet came with the page or with the map: the budget holds the whole map, not a page without it.
        Assert.Contains(responses, r => r.Url.Contains("leaflet", StringComparison.Ordinal) && r.Url.EndsWith(".js", StringComparison.Ordinal));
        Assert.True(total < Budget, $"{path} downloads {total} bytes before tiles:\n{string.Join('\n', lines)}");
    }, phone: true);
}
