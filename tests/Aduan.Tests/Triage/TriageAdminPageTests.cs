using System.Net;
using Aduan.Identity;
using Aduan.Tests.Support;
using Aduan.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Triage;

/// <summary>/admin/triage: the model's figures, and "retrain now", which asks the background training and returns at once.</summary>
public sealed class TriageAdminPageTests : IAsyncLifetime
{
    private readonly AduanFactory _app = AduanFactory.With(("Aduan:Triage:MinimumExamples", "20"));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private TriageRetraining Retraining => _app.Services.GetRequiredService<TriageRetraining>();

    private async Task DispatchHistoryAsync()
    {
        var manager = await _app.StaffClientAsync(Roles.Manager);
        foreach (var e in TextClassifierTests.Examples.Concat(TextClassifierTests.Examples))
        {
            var code = (await _app.CreateClient().SubmitAsync(TestApi.Report(e.Text + " mohon dicek.", e.Label))).TrackingCode;
            await manager.ActOkAsync(code, new { action = "dispatch" });
        }
    }

    /// <summary>Waits for the background training to finish a run that matches (not a timing assertion: the bound only ends a broken test).</summary>
    private async Task<TrainingRun> FinishedAsync(Func<TrainingRun, bool> match)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (Retraining.Status is not { RunningSince: null, RequestedAt: null, Last: { } last } || !match(last))
        {
            await Task.Delay(50, bound.Token);
        }

        return Retraining.Status.Last!;
    }

    [Fact]
    public async Task Retrain_EnoughHistory_TrainsInTheBackgroundThenShowsTheNewVersionAndAudits()
    {
        await DispatchHistoryAsync();
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);
        var page = await admin.GetAsync("/admin/triage");
        Assert.Null(page.QuerySelector("[data-testid=version]"));

        page = await admin.SubmitAsync(page, "form:has([data-testid=retrain])", []);
        Assert.Contains("Pelatihan ulang diminta", PageClient.Text(page), StringComparison.Ordinal);
        await FinishedAsync(_ => true);
        page = await admin.GetAsync("/admin/triage");

        Assert.Equal("1", page.QuerySelector("[data-testid=version]")!.TextContent.Trim());
        Assert.Contains("Model versi 1 dilatih dari 32 laporan", page.QuerySelector("[data-testid=training-last]")!.TextContent, StringComparison.Ordinal);
        var confusion = page.QuerySelector("[data-testid=confusion]")!;
        // The newest 20% held out (6 reports, the last two labels submitted): a square matrix of the labels seen there.
        var rows = confusion.QuerySelectorAll("tbody tr").Length;
        Assert.InRange(rows, 2, 4);
        Assert.Equal(rows + 3, confusion.QuerySelectorAll("thead th").Length);
        Assert.Matches(@"Akurasi \d\.\d{3}, macro-F1 \d\.\d{3}", page.QuerySelector("[data-testid=figures]")!.TextContent);
        var audited = await _app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "triage.retrain").ToListAsync());
        Assert.Equal("triage-model", Assert.Single(audited).Subject);
        Assert.NotNull(audited[0].ActorUserId);
    }

    [Fact]
    public async Task Retrain_WhileATrainingRuns_ReturnsAtOnceShowingBothThenTrainsAgain()
    {
        await DispatchHistoryAsync();
        using var gate = new ManualResetEventSlim();
        var running = Task.Run(() => Retraining.RunOnceAsync(default, _ => gate.Wait()));
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);
        while (Retraining.Status.RunningSince is null)
        {
            await Task.Delay(20);
        }

        // Were the request to train inline, it would wait for the held training and never answer.
        var page = await admin.SubmitAsync(await admin.GetAsync("/admin/triage"), "form:has([data-testid=retrain])", []);
        var again = await admin.SubmitAsync(page, "form:has([data-testid=retrain])", []);

        Assert.NotNull(page.QuerySelector("[data-testid=training-running]"));
        Assert.NotNull(page.QuerySelector("[data-testid=training-requested]"));
        Assert.Contains("sudah diminta dan belum dimulai", PageClient.Text(again), StringComparison.Ordinal);
        gate.Set();
        Assert.Equal(1, (await running).Model!.Version);
        Assert.Equal(2, (await FinishedAsync(r => r.Model?.Version == 2)).Model!.Version);
        Assert.Equal(2, await _app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "triage.retrain")));
    }

    [Fact]
    public async Task Retrain_TrainingFails_ShowsTheError()
    {
        await DispatchHistoryAsync();
        // The models' directory cannot be created where a file has its name: the training fails when it stores the model.
        await File.WriteAllTextAsync(Path.Combine(_app.DataDirectory, "triage"), "");
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);

        await admin.SubmitAsync(await admin.GetAsync("/admin/triage"), "form:has([data-testid=retrain])", []);
        await FinishedAsync(_ => true);
        var page = await admin.GetAsync("/admin/triage");

        Assert.Contains("Gagal", page.QuerySelector("[data-testid=training-last]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("IOException", page.QuerySelector("[data-testid=training-error]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-testid=version]"));
    }

    [Fact]
    public async Task Get_Manager_IsForbidden()
    {
        using var manager = await PageClient.SignedInAsync(_app, Roles.Manager);

        await manager.GetAsync("/admin/triage");

        Assert.Equal(HttpStatusCode.Forbidden, manager.Status);
    }

    [Fact]
    public async Task PostRetrain_Manager_IsForbiddenAndNothingIsAsked()
    {
        using var manager = await PageClient.SignedInAsync(_app, Roles.Manager);
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);
        var page = await admin.GetAsync("/admin/triage");

        await manager.SubmitAsync(page, "form:has([data-testid=retrain])", []);

        Assert.Equal(HttpStatusCode.Forbidden, manager.Status);
        Assert.Null(Retraining.Status.RequestedAt);
        Assert.Null(Retraining.Status.Last);
    }
}
