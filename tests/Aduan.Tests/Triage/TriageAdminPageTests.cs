using System.Net;
using Aduan.Identity;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Triage;

/// <summary>/admin/triage: the model's figures and "retrain now".</summary>
public sealed class TriageAdminPageTests : IAsyncLifetime
{
    private readonly AduanFactory _app = AduanFactory.With(("Aduan:Triage:MinimumExamples", "20"));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Retrain_EnoughHistory_ShowsTheNewVersionWithItsConfusionMatrixAndAudits()
    {
        var manager = await _app.StaffClientAsync(Roles.Manager);
        foreach (var e in TextClassifierTests.Examples.Concat(TextClassifierTests.Examples))
        {
            var code = (await _app.CreateClient().SubmitAsync(TestApi.Report(e.Text + " mohon dicek.", e.Label))).TrackingCode;
            await manager.ActOkAsync(code, new { action = "dispatch" });
        }

        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);
        var page = await admin.GetAsync("/admin/triage");
        Assert.Null(page.QuerySelector("[data-testid=version]"));

        page = await admin.SubmitAsync(page, "form:has([data-testid=retrain])", []);

        Assert.Equal("1", page.QuerySelector("[data-testid=version]")!.TextContent.Trim());
        var confusion = page.QuerySelector("[data-testid=confusion]")!;
        // The newest 20% held out (6 reports, the last two labels submitted): a square matrix of the labels seen there.
        var rows = confusion.QuerySelectorAll("tbody tr").Length;
        Assert.InRange(rows, 2, 4);
        Assert.Equal(rows + 3, confusion.QuerySelectorAll("thead th").Length);
        Assert.Matches(@"Akurasi \d\.\d{3}, macro-F1 \d\.\d{3}", page.QuerySelector("[data-testid=figures]")!.TextContent);
        Assert.Equal(["triage.retrain"], await _app.WithDbAsync(db => db.AuditEntries.Where(a => a.Subject == "model-1").Select(a => a.Action).ToListAsync()));
    }

    [Fact]
    public async Task Get_Manager_IsForbidden()
    {
        using var manager = await PageClient.SignedInAsync(_app, Roles.Manager);

        await manager.GetAsync("/admin/triage");

        Assert.Equal(HttpStatusCode.Forbidden, manager.Status);
    }
}
