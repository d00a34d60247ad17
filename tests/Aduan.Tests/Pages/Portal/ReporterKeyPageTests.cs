using Aduan.Complaints;
using Aduan.Tests.Support;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Pages.Portal;

/// <summary>The reporter key on /lapor's answer and on /lacak, without JavaScript.</summary>
public sealed class ReporterKeyPageTests : IAsyncLifetime
{
    private readonly AduanFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<IHtmlDocument> ReportAsync(PageClient citizen, string email = "")
    {
        var page = await citizen.GetAsync("/lapor");
        return await citizen.SubmitAsync(page, "#report", new()
        {
            ["Report.Text"] = "Jalan di depan SDN Margahayu 5 berlubang besar dan membahayakan pengendara motor.",
            ["Report.Category"] = "JALAN", ["Report.Location.Kecamatan"] = "Bekasi Timur", ["Report.Reporter.Email"] = email,
        });
    }

    [Fact]
    public async Task Submit_Stored_LinkCarriesTheKeyInItsFragmentAndSaysWhatHappensNext()
    {
        using var citizen = PageClient.For(_app);

        var page = await ReportAsync(citizen, email: "warga@example.com");

        var code = page.QuerySelector("[data-testid=tracking-code]")!.TextContent.Trim();
        var key = page.QuerySelector("[data-testid=reporter-key]")!.TextContent.Trim();
        Assert.True(ReporterKey.TryNormalize(key, out var canonical) && canonical == key, key);
        Assert.EndsWith($"/lacak/{code}#kunci={key}", page.QuerySelector("[data-testid=tracking-link]")!.GetAttribute("href"), StringComparison.Ordinal);
        var next = page.QuerySelector("[data-testid=next]")!.TextContent;
        Assert.Contains("paling lambat", next, StringComparison.Ordinal);
        Assert.Contains("2026", next, StringComparison.Ordinal); // the verification clock's deadline, as a date
        Assert.Contains("email", page.QuerySelector("[data-testid=next-hear]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("button[data-copy=stored-key][hidden]")); // shown by script only

        // "Bila ingin dikabari" holds: the e-mail given on the form is sent the code and the key.
        var received = await _app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.IdempotencyKey == $"notify/{code}/1/email"));
        Assert.Contains(key, received.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_WithoutContact_SaysToCheckTheTrackingPage()
    {
        using var citizen = PageClient.For(_app);

        var page = await ReportAsync(citizen);

        Assert.Contains("halaman lacak", page.QuerySelector("[data-testid=next-hear]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Track_KeyTypedInLowerCaseWithSpaces_OpensTheReportersView()
    {
        using var citizen = PageClient.For(_app);
        var stored = await ReportAsync(citizen);
        var code = stored.QuerySelector("[data-testid=tracking-code]")!.TextContent.Trim();
        var key = stored.QuerySelector("[data-testid=reporter-key]")!.TextContent.Trim();
        var typed = key.Replace('-', ' ').ToLowerInvariant();

        var fromLookup = await citizen.SubmitAsync(await citizen.GetAsync("/lacak"), "#lookup", new() { ["code"] = code, ["kunci"] = typed });
        var fromReportPage = await citizen.SubmitAsync(await citizen.GetAsync("/lacak/" + code), "#key-form", new() { ["kunci"] = typed });

        Assert.Null(fromLookup.QuerySelector("#key-form"));
        Assert.NotNull(fromLookup.QuerySelector("[data-testid=timeline]"));
        Assert.Null(fromReportPage.QuerySelector("#key-form"));
        Assert.Equal(typed, fromReportPage.QuerySelector("#follow-form input[name=kunci]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Track_WrongKey_SaysSo()
    {
        using var citizen = PageClient.For(_app);
        var stored = await ReportAsync(citizen);
        var code = stored.QuerySelector("[data-testid=tracking-code]")!.TextContent.Trim();

        var page = await citizen.SubmitAsync(await citizen.GetAsync("/lacak/" + code), "#key-form", new() { ["kunci"] = ReporterKey.New() });

        Assert.Contains("tidak cocok", PageClient.Text(page), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#key-form"));
    }

    [Fact]
    public async Task Track_MalformedCode_ExampleInTheErrorIsAValidCode()
    {
        using var citizen = PageClient.For(_app);

        var page = await citizen.GetAsync("/lacak?code=zzz");

        var error = page.QuerySelector("#error-Code")!.TextContent;
        var example = System.Text.RegularExpressions.Regex.Match(error, @"[2-9A-Z]{5}-[2-9A-Z]{5}").Value;
        Assert.True(TrackingCode.TryNormalize(example, out _), error);
    }
}
