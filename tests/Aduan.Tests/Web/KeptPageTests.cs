using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Aduan.Complaints;
using Aduan.Pages.Portal;
using Aduan.Tests.Support;
using Aduan.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Web;

/// <summary>
/// The public pages kept as rendered (<see cref="KeptPage"/>, served by <see cref="KeptPages"/>): every reader gets the
/// same page with an antiforgery token of their own that works; whoever has something of their own on the page (a key,
/// a message waiting, another language) gets the page rendered for them, and the kept page is not changed by it.
/// </summary>
public sealed partial class KeptPageTests : IAsyncLifetime
{
    private readonly PageRuns _runs = new();
    private readonly AduanFactory _app;
    private HttpClient _api = null!;

    public KeptPageTests()
    {
        _app = AduanFactory.With(s => s.Configure<MvcOptions>(o => o.Filters.Add(_runs)));
    }

    [GeneratedRegex("""name="__af" type="hidden" value="([^"]+)"|aduan\.af=([^;]+)""")]
    private static partial Regex Tokens();

    public Task InitializeAsync()
    {
        _api = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task TrackingPage_ReadByTwoReaders_OnePageEachWithATokenOfTheirOwnThatWorks()
    {
        var created = await _api.SubmitAsync();
        var path = "/lacak/" + created.TrackingCode;
        using var first = PageClient.For(_app);
        using var second = PageClient.For(_app);

        var rendered = await first.Http.GetStringAsync(path);
        var kept = await KeptAsync<KeptPublicView>(created.TrackingCode);
        var again = await first.Http.GetStringAsync(path);
        var othersPage = await second.Http.GetStringAsync(path);
        var othersForm = await second.GetAsync(path);

        Assert.NotNull(kept); // the page is kept beside its view
        Assert.Equal(WithoutTokens(rendered), WithoutTokens(again));
        Assert.Equal(WithoutTokens(rendered), WithoutTokens(othersPage));
        Assert.NotEqual(TokenIn(rendered), TokenIn(again)); // a token per request, as rendered
        Assert.NotEqual(TokenIn(rendered), TokenIn(othersPage));
        var opened = await second.SubmitAsync(othersForm, "#key-form", new() { ["kunci"] = created.ReporterKey });
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.NotNull(opened.QuerySelector("#reply")); // the reporter's own view: the kept page's token was accepted
    }

    [Fact]
    public async Task TrackingPage_ReadAgain_IsServedWithoutRunningThePage()
    {
        var created = await _api.SubmitAsync();
        var path = "/lacak/" + created.TrackingCode;

        await _api.GetStringAsync(path);
        var rendered = _runs.Of(path);
        await _api.GetStringAsync(path);
        await _api.GetStringAsync(path);

        Assert.Equal(1, rendered);
        Assert.Equal(1, _runs.Of(path));
    }

    [Fact]
    public async Task TrackingPage_Kept_HasTheHeadersOfTheRenderedOne()
    {
        var created = await _api.SubmitAsync();
        var path = "/lacak/" + created.TrackingCode;

        using var cookieless = _app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false }); // each read a first visit

        using var rendered = await cookieless.GetAsync(path);
        using var kept = await cookieless.GetAsync(path);

        Assert.Equal(1, _runs.Of(path));
        Assert.Equal(Headers(rendered), Headers(kept));
        Assert.Contains("aduan.af=", string.Join(";", kept.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);
        Assert.DoesNotContain("TempData", string.Join(";", rendered.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal); // none to delete

    }

    [Fact]
    public async Task ReportPage_KeptAndCompressed_IsThePageWithAFreshToken()
    {
        var created = await PublishedAsync();
        var path = "/laporan/" + created.TrackingCode;
        var rendered = await _api.GetStringAsync(path);

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var kept = await _api.SendAsync(request);
        await using var gzip = new GZipStream(await kept.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        var page = await new StreamReader(gzip).ReadToEndAsync();

        Assert.Equal(1, _runs.Of(path));
        Assert.Equal(["gzip"], kept.Content.Headers.ContentEncoding);
        Assert.Equal(WithoutTokens(rendered), WithoutTokens(page));
        Assert.NotEqual(TokenIn(rendered), TokenIn(page));
    }

    [Fact]
    public async Task TrackingPage_DatesInAnotherLanguageThanTheTexts_IsNeitherKeptNorServedKept()
    {
        var created = await _api.SubmitAsync();
        var path = "/lacak/" + created.TrackingCode;
        using var mixed = _app.CreateClient();
        mixed.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Did");

        await mixed.GetStringAsync(path);
        var keptAfterMixed = await KeptAsync<KeptPublicView>(created.TrackingCode);
        await _api.GetStringAsync(path);
        await mixed.GetStringAsync(path);

        Assert.Null(keptAfterMixed);
        Assert.NotNull(await KeptAsync<KeptPublicView>(created.TrackingCode));
        Assert.Equal(3, _runs.Of(path)); // the mixed reader's second read is rendered for them again
    }

    [Fact]
    public async Task TrackingPage_WithTheKeyInTheAddress_IsTheReportersViewAndTheKeptPageStaysAnonymous()
    {
        var text = "Saluran air di Jl. Kenari tersumbat sampah, air meluap ke jalan setiap hujan.";
        var created = await _api.SubmitAsync(TestApi.Report(text: text));
        var path = "/lacak/" + created.TrackingCode;
        await _api.GetStringAsync(path);
        await _api.GetStringAsync(path);

        var own = await _api.GetStringAsync(path + "?kunci=" + Uri.EscapeDataString(created.ReporterKey));
        var anonymous = await _api.GetStringAsync(path);

        Assert.Contains("Jl. Kenari", own, StringComparison.Ordinal);
        Assert.DoesNotContain("Jl. Kenari", anonymous, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrackingPage_WithAMessageWaiting_ShowsItOnceAndTheKeptPageNever()
    {
        var created = await PublishedAsync(); // anyone may follow it
        var path = "/lacak/" + created.TrackingCode;
        using var citizen = PageClient.For(_app);
        await citizen.GetAsync(path);
        var page = await citizen.GetAsync(path); // kept by now

        var followed = await citizen.SubmitAsync(page, "#follow-form", new() { ["Contact"] = "warga@example.com" });
        var after = await citizen.GetAsync(path);
        var someoneElse = await _api.GetStringAsync(path);

        Assert.Equal(path, citizen.Address!.AbsolutePath);
        Assert.NotNull(followed.QuerySelector("p.flash"));
        Assert.Null(after.QuerySelector("p.flash")); // shown once
        Assert.DoesNotContain("class=\"flash\"", someoneElse, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrackingPage_InEnglishAfterIndonesian_EachInItsLanguage()
    {
        var created = await _api.SubmitAsync();
        var path = "/lacak/" + created.TrackingCode;
        await _api.GetStringAsync(path);
        await _api.GetStringAsync(path);

        using var english = new HttpRequestMessage(HttpMethod.Get, path);
        english.Headers.AcceptLanguage.ParseAdd("en");
        using var inEnglish = await _api.SendAsync(english);
        var indonesianAgain = await _api.GetStringAsync(path);

        Assert.Contains("<html lang=\"en\"", await inEnglish.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"id\"", indonesianAgain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrackingPage_AfterAChange_IsRenderedAgain()
    {
        var created = await _api.SubmitAsync(TestApi.Report(category: "JALAN"));
        var path = "/lacak/" + created.TrackingCode;
        await _api.GetStringAsync(path);
        var before = await _api.GetStringAsync(path);

        await (await _app.StaffClientAsync("Manager")).ActOkAsync(created.TrackingCode, new { action = "dispatch" });
        var after = await _api.GetStringAsync(path);

        Assert.DoesNotContain("Bina Marga", before, StringComparison.Ordinal);
        Assert.Contains("Bina Marga", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportPage_ReadAgain_IsTheKeptPageWithAFreshToken()
    {
        var created = await PublishedAsync();
        var path = "/laporan/" + created.TrackingCode;

        var rendered = await _api.GetStringAsync(path);
        var kept = await KeptAsync<ReportModel.Shown>(created.TrackingCode);
        var again = await _api.GetStringAsync(path);

        Assert.NotNull(kept);
        Assert.Equal(WithoutTokens(rendered), WithoutTokens(again));
        Assert.NotEqual(TokenIn(rendered), TokenIn(again));
    }

    [Theory]
    [InlineData("/LACAK/{0}")] // another spelling of the address: its links would say so
    [InlineData("/lacak/{0}?utm_source=wa")]
    [InlineData("/lacak/{0}/")]
    public async Task TrackingPage_AnotherAddressForIt_IsRenderedForItself(string address)
    {
        var created = await _api.SubmitAsync();
        var path = "/lacak/" + created.TrackingCode;
        await _api.GetStringAsync(path);
        var kept = await _api.GetStringAsync(path);
        var other = string.Format(CultureInfo.InvariantCulture, address, created.TrackingCode);

        using var response = await _api.GetAsync(other);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains(created.TrackingCode, page, StringComparison.Ordinal);
        Assert.Contains("returnUrl=" + Uri.EscapeDataString(new Uri(_api.BaseAddress!, other).PathAndQuery), page, StringComparison.Ordinal);
        Assert.Contains("returnUrl=" + Uri.EscapeDataString(path) + "\"", kept, StringComparison.Ordinal);
    }

    /// <summary>A report dispatched to its agency: published, so that it has a page on the register and anyone may follow it.</summary>
    private async Task<SubmitComplaintResponse> PublishedAsync()
    {
        var created = await _api.SubmitAsync(TestApi.Report(category: "JALAN"));
        await (await _app.StaffClientAsync("Manager")).ActOkAsync(created.TrackingCode, new { action = "dispatch" });
        return created;
    }

    /// <summary>The page kept for the report's view in Indonesian (the pages' default language), if any.</summary>
    private async Task<KeptPage?> KeptAsync<T>(string code)
    {
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("id");
        try
        {
            using var scope = _app.Services.CreateScope();
            return await _app.Services.GetRequiredService<PublicViewCache>().KeptPageAsync(typeof(T), code, scope.ServiceProvider, default);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    /// <summary>The response's headers, with what is per response (the date, cookie values) left out.</summary>
    private static string Headers(HttpResponseMessage response) => string.Join("\n", response.Headers.Concat(response.Content.Headers)
        .Where(h => h.Key is not ("Date" or "Content-Length"))
        .Select(h => h.Key + ": " + string.Join(", ", h.Value.Select(v => h.Key == "Set-Cookie" ? Regex.Replace(v, "=[^;]*", "=…") : v)))
        .Order(StringComparer.Ordinal));

    private static string TokenIn(string html) => Tokens().Match(html).Groups[1].Value;

    private static string WithoutTokens(string html) => Tokens().Replace(html, "TOKEN");

    /// <summary>Counts the page runs (handler executions) per path in this test's app.</summary>
    private sealed class PageRuns : IAsyncPageFilter
    {
        private readonly ConcurrentDictionary<string, int> _runs = new();

        public int Of(string path) => _runs.GetValueOrDefault(path);

        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            _runs.AddOrUpdate(context.HttpContext.Request.Path.Value!, 1, (_, n) => n + 1);
            return next();
        }
    }
}
