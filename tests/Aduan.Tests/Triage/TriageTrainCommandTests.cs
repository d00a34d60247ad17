using Aduan.Identity;
using Aduan.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Triage;

/// <summary><c>triage train</c> on the city's history, run as the real executable on a test app's database.</summary>
public sealed class TriageTrainCommandTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("aduan-triage-train-").FullName;
    private readonly AduanFactory _app = AduanFactory.With(("Aduan:Triage:MinimumExamples", "20"));

    private Dictionary<string, string> Env => new(_app.ProcessEnvironment) { ["Aduan__Triage__MinimumExamples"] = "20" };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task TrainHistory_EnoughDispatched_PrintsEachStepAndAuditsTheNewModel()
    {
        var manager = await _app.StaffClientAsync(Roles.Manager);
        foreach (var e in TextClassifierTests.Examples.Concat(TextClassifierTests.Examples))
        {
            var code = (await _app.CreateClient().SubmitAsync(TestApi.Report(e.Text + " mohon dicek.", e.Label))).TrackingCode;
            await manager.ActOkAsync(code, new { action = "dispatch" });
        }

        var run = await AppProcess.RunAsync(_dir, null, Env, "triage", "train");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Model version 1 trained on 32 dispatched reports", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\[\s*\d+ s\] reading the newest \d+ dispatched reports$", run.Error);
        Assert.Matches(@"(?m)^\[\s*\d+ s\] training the category model on all 32 reports$", run.Error);
        var entry = Assert.Single(await _app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "triage.train").ToListAsync()));
        Assert.Equal("model-1", entry.Subject);
        Assert.Equal("cli:" + Environment.UserName, entry.ActorName);
        Assert.Contains("\"Examples\":32", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainHistory_TooLittleHistory_ExitsOneAndAuditsNothing()
    {
        var run = await AppProcess.RunAsync(_dir, null, Env, "triage", "train");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("fewer than 20 dispatched reports", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "triage.train")));
    }
}
