using Aduan.Identity;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Pages.Admin;

public sealed class HolidaysPageTests : IAsyncLifetime
{
    private readonly AduanFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Get_NoYear_ShowsThisYearInWib()
    {
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);

        var page = await admin.GetAsync("/admin/holidays");

        Assert.Equal("2026", page.QuerySelector("#year option[selected]")!.TextContent);
        Assert.NotNull(page.QuerySelector("[data-testid=holidays] [data-testid=holiday-2026-08-17]"));
    }

    [Fact]
    public async Task AddThenRemove_ChangesTheListAndIsAudited()
    {
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);
        var page = await admin.GetAsync("/admin/holidays?year=2031");
        Assert.NotNull(page.QuerySelector("[data-testid=empty]"));

        page = await admin.SubmitAsync(page, "[data-testid=holiday-form]",
            new() { ["Date"] = "2031-01-01", ["Name"] = "Tahun Baru 2031", ["Kind"] = "holiday" });
        var row = page.QuerySelector("[data-testid=holiday-2031-01-01]");
        Assert.NotNull(row);
        Assert.Contains("Libur nasional", row.TextContent, StringComparison.Ordinal);
        page = await admin.SubmitAsync(page, "[data-testid=holiday-2031-01-01] form", []);

        Assert.Null(page.QuerySelector("[data-testid=holiday-2031-01-01]"));
        Assert.Contains("2031-01-01 dihapus", PageClient.Text(page), StringComparison.Ordinal);
        var actions = await _app.WithDbAsync(db => db.AuditEntries.Where(e => e.Subject == "2031-01-01").Select(e => e.Action).ToListAsync());
        Assert.Equal(["holiday.remove", "holiday.set"], actions.Order());
    }

    [Fact]
    public async Task Add_BadDateAndNoName_ShowsMessagesBesideTheFields()
    {
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);

        var page = await admin.SubmitAsync(await admin.GetAsync("/admin/holidays"), "[data-testid=holiday-form]",
            new() { ["Date"] = "17/08/2031", ["Name"] = " ", ["Kind"] = "cuti_bersama" });

        Assert.Contains("yyyy-MM-dd", page.QuerySelector("[data-valmsg-for=Date]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Wajib diisi", page.QuerySelector("[data-valmsg-for=Name]")!.TextContent, StringComparison.Ordinal);
        Assert.False(await _app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "holiday.set")));
    }
}
