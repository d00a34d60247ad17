using System.Text;
using Aduan.Identity;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Importing;

public sealed class ImportPageTests : IDisposable
{
    private readonly AduanFactory _app = new();

    public void Dispose() => _app.Dispose();

    private static (string, string, string, byte[]) File(PastReportsCsv csv) => ("Upload", "arsip.csv", "text/csv", Encoding.UTF8.GetBytes(csv.ToString()));

    private Task<int> ImportedAsync() => _app.WithDbAsync(db => db.Complaints.CountAsync(c => c.IsImported));

    [Fact]
    public async Task Post_DryRunThenImport_CountsFirstAndSavesSecond()
    {
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);
        var page = await admin.GetAsync("/admin/import");

        page = await admin.SubmitAsync(page, "[data-testid=import-form]", [], file: File(PastReportsCsv.Article()));
        var afterDryRun = await ImportedAsync();
        page = await admin.SubmitAsync(page, "[data-testid=import-form]", new() { ["DryRun"] = "false" }, file: File(PastReportsCsv.Article()));

        Assert.Equal(0, afterDryRun);
        Assert.Equal(61, await ImportedAsync());
        Assert.Contains("61 laporan diimpor dari 61 baris", PageClient.Text(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_BadRow_ShowsRejectedRowsAndSavesNothing()
    {
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);
        var page = await admin.GetAsync("/admin/import");
        var csv = new PastReportsCsv().Resolved(new DateTime(2020, 10, 12, 9, 0, 0), "DINKES")
            .Row("12/10/2020 10:00", "CallCenter", "KESEHATAN", "DINAS-ANTAH", "Dispatched", "12/10/2020 11:00");

        page = await admin.SubmitAsync(page, "[data-testid=import-form]", new() { ["DryRun"] = "false" }, file: File(csv));

        var rows = page.QuerySelectorAll("[data-testid=rejected] tbody tr");
        Assert.Equal("3", Assert.Single(rows).Children[0].TextContent);
        Assert.Contains("DINAS-ANTAH", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await ImportedAsync());
    }
}
