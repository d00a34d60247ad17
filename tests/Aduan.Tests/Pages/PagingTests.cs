using System.Globalization;
using AngleSharp.Html.Dom;
using Aduan.Identity;
using Aduan.Tests.Support;
using Aduan.Tests.Transparency;

namespace Aduan.Tests.Pages;

/// <summary>
/// Every paged list, citizen and staff: ?page=2 shows the second page, and the list's own "next" link
/// leads there. (Razor Pages keeps the page's path in a route value named "page", which ordinary
/// binding and Url.Page take over the query's ?page=: page 2 used to show page 1.)
/// </summary>
public sealed class PagingTests : IAsyncLifetime
{
    private readonly AduanFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Register_SecondPage_HoldsTheNextReports()
    {
        var published = new PublishedReports(_app);
        for (var i = 0; i < 22; i++)
        {
            await published.CreateAsync($"Lampu jalan nomor {i} di Jalan Kemakmuran mati sejak kemarin malam.");
        }

        using var citizen = PageClient.For(_app);
        await AssertSecondPageAsync(citizen, "/laporan", "[data-testid=register-item]", e => e.GetAttribute("data-code")!, expectedOnSecond: 2);
    }

    [Fact]
    public async Task StaffListsAndUsers_SecondPage_HoldTheNextRows()
    {
        var http = _app.CreateClient();
        for (var i = 0; i < 27; i++)
        {
            await http.SubmitAsync(TestApi.Report(text: $"Saluran air nomor {i} di Jalan Cendana tersumbat sampah, air meluap."));
        }

        using var manager = await PageClient.SignedInAsync(_app, Roles.Manager);
        await AssertSecondPageAsync(manager, "/staff/reports", "[data-testid=reports] tbody tr", e => e.QuerySelector("a")!.TextContent, expectedOnSecond: 2);
        await AssertSecondPageAsync(manager, "/staff/desk", "[data-testid=reports] tbody tr", e => e.QuerySelector("a")!.TextContent, expectedOnSecond: 2);

        for (var i = 0; i < 51; i++)
        {
            await _app.CreateUserAsync(Roles.Operator, userName: "operator-" + i.ToString("D2", CultureInfo.InvariantCulture));
        }

        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);
        await AssertSecondPageAsync(admin, "/admin/users", "[data-testid=users] tbody tr", e => e.GetAttribute("data-testid")!, expectedOnSecond: null);
    }

    private static async Task AssertSecondPageAsync(PageClient client, string path, string rows, Func<AngleSharp.Dom.IElement, string> key,
        int? expectedOnSecond)
    {
        var first = await client.GetAsync(path);
        var second = await client.GetAsync(path + "?page=2");
        var firstKeys = first.QuerySelectorAll(rows).Select(key).ToList();
        var secondKeys = second.QuerySelectorAll(rows).Select(key).ToList();

        Assert.NotEmpty(firstKeys);
        Assert.NotEmpty(secondKeys);
        Assert.Empty(firstKeys.Intersect(secondKeys));
        if (expectedOnSecond is { } count)
        {
            Assert.Equal(count, secondKeys.Count);
        }

        var next = first.QuerySelectorAll("a").OfType<IHtmlAnchorElement>()
            .FirstOrDefault(a => a.GetAttribute("href") is { } href && href.Contains("page=2", StringComparison.Ordinal));
        Assert.True(next is not null, $"{path}: no link to page 2");
        var followed = await client.GetAsync(next!.GetAttribute("href")!);
        Assert.Equal(secondKeys, followed.QuerySelectorAll(rows).Select(key).ToList());
    }
}
