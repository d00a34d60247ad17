using System.Net;
using Aduan.Audit;
using Aduan.Identity;
using Aduan.Tests.Support;

namespace Aduan.Tests.Pages.Admin;

public sealed class AuditPageTests : IAsyncLifetime
{
    private readonly AduanFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Get_35Days_ListsNewestFirst30APage()
    {
        var first = new DateOnly(2026, 4, 1);
        await _app.WithDbAsync(db =>
        {
            for (var i = 0; i < 35; i++)
            {
                db.AuditDigests.Add(new AuditDigest
                {
                    Day = first.AddDays(i), Digest = Convert.ToHexStringLower(BitConverter.GetBytes((long)i)).PadLeft(64, '0'), Events = i,
                    ComputedAt = AduanFactory.Start,
                });
            }

            return db.SaveChangesAsync();
        });
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);

        var page = await admin.GetAsync("/admin/audit");
        var next = page.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!;
        var second = await admin.GetAsync(next);

        var rows = page.QuerySelectorAll("[data-testid=digests] tbody tr").Select(r => r.GetAttribute("data-testid")).ToList();
        Assert.Equal(30, rows.Count);
        Assert.Equal("digest-2026-05-05", rows[0]);
        Assert.Equal("digest-2026-04-06", rows[^1]);
        var newest = page.QuerySelector("[data-testid=digest-2026-05-05]")!.TextContent;
        Assert.Contains(Convert.ToHexStringLower(BitConverter.GetBytes(34L)).PadLeft(64, '0'), newest, StringComparison.Ordinal);
        Assert.Contains("audit verify --against", page.QuerySelector("[data-testid=verify-command]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/admin/audit?page=2", next);
        Assert.Equal(5, second.QuerySelectorAll("[data-testid=digests] tbody tr").Length);
        Assert.NotNull(second.QuerySelector("[data-testid=digest-2026-04-01]"));
    }

    [Fact]
    public async Task Get_NoDigestYet_SaysSo()
    {
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);

        var page = await admin.GetAsync("/admin/audit?lang=en");

        Assert.Contains("No day has ended", page.QuerySelector("[data-testid=empty]")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Leadership)]
    public async Task Get_NonAdmin_Gets403(string role)
    {
        using var browser = await PageClient.SignedInAsync(_app, role);

        await browser.GetAsync("/admin/audit");

        Assert.Equal(HttpStatusCode.Forbidden, browser.Status);
    }
}
