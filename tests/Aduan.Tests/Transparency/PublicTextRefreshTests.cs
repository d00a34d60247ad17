using Aduan.Tests.Support;
using Aduan.Transparency;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Transparency;

/// <summary>Reports from before the public texts were stored get them at start, and only then are found by the public search.</summary>
public sealed class PublicTextRefreshTests : IAsyncLifetime
{
    private readonly AduanFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static List<string> Codes(IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=register-item]").Select(e => e.GetAttribute("data-code")!).ToList();

    [Fact]
    public async Task Run_ReportFromBeforeThePublicTexts_MasksThemAndThePublicSearchFindsItByItsWordsOnly()
    {
        var code = await new PublishedReports(_app).CreateAsync(PublicRegisterTests.TextWithPersonalData);
        await _app.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == code).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.PublicTitle, (string?)null).SetProperty(c => c.PublicText, (string?)null).SetProperty(c => c.MaskVersion, 0)));
        using var visitor = PageClient.For(_app);
        Assert.Empty(Codes(await visitor.GetAsync("/laporan?q=kenanga")));

        await _app.Services.GetRequiredService<PublicTextRefresh>().RunAsync(CancellationToken.None);

        var stored = await _app.WithDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.TrackingCode == code));
        Assert.Equal((PersonalDataMask.Apply(stored.Text), PersonalDataMask.Version), (stored.PublicText, stored.MaskVersion));
        Assert.Equal([code], Codes(await visitor.GetAsync("/laporan?q=kenanga")));
        foreach (var q in PublicRegisterTests.PersonalDataQueries)
        {
            Assert.Empty(Codes(await visitor.GetAsync("/laporan?q=" + Uri.EscapeDataString(q))));
        }
    }
}
