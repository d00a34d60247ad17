using Aduan.Identity;
using Aduan.Tests.Support;
using Aduan.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Triage;

/// <summary>The manager's choice on a suggested report, recorded at dispatch, and the current model's acceptance rate on /admin/triage.</summary>
public sealed class TriageDecisionTests : IAsyncLifetime
{
    private const string Rubbish = "Sampah menumpuk di TPS dekat pasar, sdh seminggu gak diangkut, bau bgt.";
    private readonly AduanFactory _app = AduanFactory.With(("Aduan:Triage:MinimumExamples", "20"));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<string> SubmitAsync(string text, string? category = null) =>
        (await _app.CreateClient().SubmitAsync(TestApi.Report(text, category))).TrackingCode;

    /// <summary>Verifies on the desk as pre-selected (the suggestion), or with the category and agency given.</summary>
    private static async Task VerifyAsync(PageClient desk, string code, string? category = null, string? agency = null)
    {
        var page = await desk.GetAsync("/staff/reports/" + code);
        var values = new Dictionary<string, string>();
        if (category is not null)
        {
            values["Form.Category"] = category;
            values["Form.Agency"] = agency!;
        }

        await desk.SubmitAsync(page, "form#verify", values);
    }

    private Task<List<TriageDecision>> DecisionsAsync() => _app.WithDbAsync(db => db.TriageDecisions.OrderBy(d => d.Id).ToListAsync());

    [Fact]
    public async Task Verify_SuggestionKeptThenChanged_RecordsBothAndTheAdminPageShowsHalf()
    {
        var kept = await SubmitAsync(Rubbish);
        var changed = await SubmitAsync(Rubbish + " Mohon segera.");
        using var desk = await PageClient.SignedInAsync(_app, Roles.Manager);

        await VerifyAsync(desk, kept);
        await VerifyAsync(desk, changed, "JALAN", "DBMSDA");

        var decisions = await DecisionsAsync();
        var ids = await _app.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == kept || c.TrackingCode == changed)
            .ToDictionaryAsync(c => c.TrackingCode, c => c.Id));
        Assert.Equal([(ids[kept], true, true), (ids[changed], false, false)],
            decisions.Select(d => (d.ComplaintId, d.CategoryAccepted, d.AgencyAccepted)));
        Assert.All(decisions, d => Assert.Null(d.ModelVersion));
        Assert.All(decisions, d => Assert.Equal(("SAMPAH", "DLH"), (d.SuggestedCategory, d.SuggestedAgency)));
        Assert.Equal(("JALAN", "DBMSDA"), (decisions[1].Category, decisions[1].Agency));
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);
        var page = await admin.GetAsync("/admin/triage");
        Assert.Contains("kata kunci", page.QuerySelector("[data-testid=acceptance-source]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 dari 2 (50%)", page.QuerySelector("[data-testid=acceptance-category]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 dari 2 (50%)", page.QuerySelector("[data-testid=acceptance-agency]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminPage_DecisionsOlderThanThirtyDays_AreNotCounted()
    {
        var code = await SubmitAsync(Rubbish);
        using (var desk = await PageClient.SignedInAsync(_app, Roles.Manager))
        {
            await VerifyAsync(desk, code);
        }

        _app.Time.Advance(TimeSpan.FromDays(31));
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);
        var page = await admin.GetAsync("/admin/triage");

        Assert.Single(await DecisionsAsync());
        Assert.Contains("empty", page.QuerySelector("[data-testid=acceptance]")!.ClassName, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-testid=acceptance-category]"));
    }

    [Fact]
    public async Task Dispatch_AfterANewModel_CountsOnlyTheCurrentModelsDecisions()
    {
        var manager = await _app.StaffClientAsync(Roles.Manager);
        foreach (var e in TextClassifierTests.Examples.Concat(TextClassifierTests.Examples))
        {
            await manager.ActOkAsync(await SubmitAsync(e.Text + " mohon dicek.", e.Label), new { action = "dispatch" });
        }

        await _app.Services.GetRequiredService<TriageRetraining>().RunOnceAsync(default);
        await manager.ActOkAsync(await SubmitAsync("jalanan depan rumah bolong2, aspalnya rusak parah", "JALAN"), new { action = "dispatch" });
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);
        var page = await admin.GetAsync("/admin/triage");

        var decisions = await DecisionsAsync();
        Assert.Equal(33, decisions.Count);
        Assert.Equal(32, decisions.Count(d => d.ModelVersion is null));
        Assert.Equal((1, "JALAN", true), (decisions[^1].ModelVersion, decisions[^1].SuggestedCategory, decisions[^1].CategoryAccepted));
        Assert.Contains("model versi 1", page.QuerySelector("[data-testid=acceptance-source]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 dari 1 (100%)", page.QuerySelector("[data-testid=acceptance-category]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forward_AfterDispatch_RecordsNoSecondDecision()
    {
        var manager = await _app.StaffClientAsync(Roles.Manager);
        var code = await SubmitAsync(Rubbish, "SAMPAH");
        await manager.ActOkAsync(code, new { action = "dispatch" });

        await manager.ActOkAsync(code, new { action = "forward", agency = "DBMSDA", reason = "Bukan wewenang kami." });

        Assert.Single(await DecisionsAsync());
    }
}
