using Aduan.Identity;
using Aduan.Tests.Support;
using Aduan.Triage;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Triage;

/// <summary>The suggestion on the verification desk: from keywords at first, from a model trained on dispatched reports later.</summary>
public sealed class TriageDeskTests : IAsyncLifetime
{
    private readonly AduanFactory _app = AduanFactory.With(("Aduan:Triage:MinimumExamples", "20"));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string? Selected(IHtmlDocument page, string select) =>
        page.QuerySelector($"#{select} option[selected]")?.GetAttribute("value");

    private async Task<string> SubmitAsync(string text, string? category = null) =>
        (await _app.CreateClient().SubmitAsync(TestApi.Report(text, category))).TrackingCode;

    [Fact]
    public async Task Desk_NoHistory_PreselectsTheKeywordSuggestion()
    {
        var code = await SubmitAsync("Sampah menumpuk di TPS dekat pasar, sdh seminggu gak diangkut, bau bgt.");
        using var manager = await PageClient.SignedInAsync(_app, Roles.Manager);

        var page = await manager.GetAsync("/staff/reports/" + code);

        var suggestion = page.QuerySelector("[data-testid=suggestion]")!;
        Assert.Equal("SAMPAH", suggestion.QuerySelector("[data-testid=suggested-category] [data-code]")!.GetAttribute("data-code"));
        Assert.Equal("SAMPAH", Selected(page, "v-category"));
        Assert.Equal("DLH", Selected(page, "verify-agency"));
        Assert.Null(page.QuerySelector("[data-testid=urgency]"));
    }

    [Fact]
    public async Task Desk_EmergencyWords_ShowsThemForTheUrc()
    {
        var code = await SubmitAsync("TOLONG!! rumah warga terbakar, ada korban pingsan di gang 3", category: "LAINNYA");
        using var manager = await PageClient.SignedInAsync(_app, Roles.Manager);

        var page = await manager.GetAsync("/staff/reports/" + code);

        var urgency = page.QuerySelector("[data-testid=urgency]")!.TextContent;
        Assert.Contains("tolong, terbakar, korban, pingsan", urgency, StringComparison.Ordinal);
        Assert.Equal("LAINNYA", Selected(page, "v-category")); // the reporter's own choice stays selected
    }

    [Fact]
    public async Task Desk_AfterTrainingOnDispatchedReports_SuggestsFromTheModel()
    {
        var manager = await _app.StaffClientAsync(Roles.Manager);
        foreach (var e in TextClassifierTests.Examples.Concat(TextClassifierTests.Examples))
        {
            var code = await SubmitAsync(e.Text + " di kelurahan kami.", e.Label);
            await manager.ActOkAsync(code, new { action = "dispatch" });
        }

        var model = (await _app.Services.GetRequiredService<TriageRetraining>().RunOnceAsync(default)).Model;
        var waiting = await SubmitAsync("jalanan depan rumah bolong2, aspalnya rusak parah");
        using var desk = await PageClient.SignedInAsync(_app, Roles.Manager);
        var page = await desk.GetAsync("/staff/reports/" + waiting);

        Assert.NotNull(model);
        Assert.Equal(1, model.Version);
        Assert.Equal(32, model.Examples);
        Assert.Contains("model versi 1", page.QuerySelector("[data-testid=suggestion]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("JALAN", Selected(page, "v-category"));
        Assert.Equal("DBMSDA", Selected(page, "verify-agency"));
        Assert.Equal(3, page.QuerySelectorAll("[data-testid=suggested-category] [data-code]").Length);
    }

    [Fact]
    public async Task ReportPage_AgencyOfficer_ShowsNoSuggestion()
    {
        var manager = await _app.StaffClientAsync(Roles.Manager);
        var code = await SubmitAsync("Puskesmas tutup pada jam pelayanan", "KESEHATAN");
        await manager.ActOkAsync(code, new { action = "dispatch" });
        using var officer = await PageClient.SignedInAsync(_app, Roles.AgencyOfficer, "DINKES");

        var page = await officer.GetAsync("/staff/reports/" + code);

        Assert.Equal(System.Net.HttpStatusCode.OK, officer.Status);
        Assert.Contains(code, PageClient.Text(page), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-testid=suggestion]"));
    }

    [Fact]
    public async Task TriageApi_ManagerAndOfficer_SuggestionForTheManagerOnly()
    {
        var code = await SubmitAsync("Banjir setinggi lutut, warga terjebak, darurat!");
        var manager = await _app.StaffClientAsync(Roles.Manager);
        var officer = await _app.StaffClientAsync(Roles.AgencyOfficer, "DBMSDA");

        using var ok = await manager.GetAsync($"/api/v1/staff/complaints/{code}/triage");
        using var refused = await officer.GetAsync($"/api/v1/staff/complaints/{code}/triage");

        Assert.Equal(System.Net.HttpStatusCode.OK, ok.StatusCode);
        using var body = System.Text.Json.JsonDocument.Parse(await ok.Content.ReadAsStringAsync());
        var suggestion = body.RootElement.GetProperty("suggestion");
        Assert.Equal("BANJIR", suggestion.GetProperty("categories")[0].GetProperty("label").GetString());
        Assert.Contains("darurat", suggestion.GetProperty("urgencyWords").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
