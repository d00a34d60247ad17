using System.Globalization;
using System.Net;
using System.Text.Json;
using Aduan.Identity;
using Aduan.Tests.Support;
using CsvHelper;
using AngleSharp.Html.Dom;

namespace Aduan.Tests.Transparency;

/// <summary>The public register and report pages (/laporan), without JavaScript, over the real database.</summary>
public sealed class PublicRegisterTests : IAsyncLifetime
{
    private const int MaxPageBytes = 150 * 1024;
    private readonly AduanFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static List<string> Codes(IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=register-item]").Select(e => e.GetAttribute("data-code")!).ToList();

    [Fact]
    public async Task Register_VerifiedPublicAndAnonymous_ListedNewestFirstWithoutReporterOrUnverified()
    {
        var reports = new PublishedReports(_app);
        var unverified = await reports.CreateAsync("Lampu jalan mati di depan SDN Margahayu 5 sejak seminggu.", dispatch: false);
        var older = await reports.CreateAsync("Jalan berlubang di depan Pasar Baru, membahayakan motor.");
        _app.Time.Advance(TimeSpan.FromMinutes(5));
        var newer = await reports.CreateAsync("Saluran air tersumbat di Perumahan Harapan Indah.", privacy: "Anonymous");
        using var visitor = PageClient.For(_app);

        var page = await visitor.GetAsync("/laporan");

        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        var codes = Codes(page);
        Assert.True(codes.IndexOf(newer) is 0 && codes.IndexOf(older) is 1, string.Join(",", codes));
        Assert.DoesNotContain(unverified, codes);
        var text = PageClient.Text(page);
        Assert.DoesNotContain("Siti", text, StringComparison.Ordinal);
        Assert.DoesNotContain("3456", text, StringComparison.Ordinal);
        await visitor.GetAsync("/laporan/" + unverified);
        Assert.Equal(HttpStatusCode.NotFound, visitor.Status);
    }

    [Fact]
    public async Task ReportPage_PublishedReport_ShowsMaskedFollowUpAndAddressButNoReporter()
    {
        var reports = new PublishedReports(_app);
        var code = await reports.CreateAsync("Jalan rusak parah, hubungi saya 0857 1234 5678 atau NIK3275010101010002.");
        using var visitor = PageClient.For(_app);

        var page = await visitor.GetAsync("/laporan/" + code.ToLowerInvariant());

        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        Assert.Equal("Jalan rusak parah, hubungi saya [telepon] atau NIK[NIK].", page.QuerySelector("[data-testid=report-text]")!.TextContent);
        var text = PageClient.Text(page);
        Assert.Contains(PublishedReports.MaskedFollowUpText, text, StringComparison.Ordinal);
        Assert.Contains("Jl. Margahayu [alamat]", text, StringComparison.Ordinal);
        foreach (var secret in new[] { "Siti", "Aminah", "siti@contoh.id", "3456", "Joko", "3275010101010001", "No. 5" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Register_Filters_NarrowByAgencyCategoryKecamatanStatusPeriodAndSearch()
    {
        var reports = new PublishedReports(_app);
        var road = await reports.CreateAsync("Jalan berlubang besar di Jalan Cut Mutia dekat jembatan.", followUp: null);
        var flood = await reports.CreateAsync("Banjir setinggi lutut di Perumahan Pondok Ungu Permai.", category: "BANJIR", kecamatan: "Bantar Gebang");
        _app.Time.Advance(TimeSpan.FromDays(3));
        var later = await reports.CreateAsync("Trotoar rusak dan licin di sekitar Stasiun Bekasi.", kecamatan: "Bantar Gebang", followUp: null);
        using var visitor = PageClient.For(_app);

        Assert.Equal([flood], Codes(await visitor.GetAsync("/laporan?category=BANJIR")));
        Assert.Equal([later, flood], Codes(await visitor.GetAsync("/laporan?kecamatan=Bantar+Gebang")));
        Assert.Equal([flood], Codes(await visitor.GetAsync("/laporan?status=InProgress")));
        Assert.Equal([later, flood, road], Codes(await visitor.GetAsync("/laporan?agency=DBMSDA")));
        Assert.Empty(Codes(await visitor.GetAsync("/laporan?agency=DINKES")));
        Assert.Equal([flood, road], Codes(await visitor.GetAsync("/laporan?from=2026-06-01&to=2026-06-02")));
        Assert.Equal([later], Codes(await visitor.GetAsync("/laporan?from=2026-06-03")));
        Assert.Equal([road], Codes(await visitor.GetAsync("/laporan?q=berlubang+mutia")));
        var page = await visitor.GetAsync("/laporan?q=perumahan&kecamatan=Bantar+Gebang");
        Assert.Equal([flood], Codes(page));
        Assert.Equal("perumahan", ((IHtmlInputElement)page.QuerySelector("#q")!).Value);
    }

    [Fact]
    public async Task Pages_FullRegisterAndAgencyPage_StayUnder150KilobytesAndEnglishOnRequest()
    {
        var reports = new PublishedReports(_app);
        var long1 = string.Concat(Enumerable.Repeat("Jalan berlubang dan tergenang air setiap hujan turun. ", 70));
        string code = "";
        for (var i = 0; i < 22; i++)
        {
            code = await reports.CreateAsync(long1);
        }

        using var http = _app.CreateClient();
        foreach (var url in new[] { "/laporan", "/laporan?peta=1", "/laporan/" + code, "/instansi/DBMSDA", "/instansi/DBMSDA/widget" })
        {
            var bytes = await http.GetByteArrayAsync(url);
            Assert.True(bytes.Length < MaxPageBytes, $"{url}: {bytes.Length} bytes");
        }

        var english = await http.GetStringAsync("/laporan?lang=en");
        Assert.Contains("Public register", english, StringComparison.Ordinal);
        Assert.Contains("Laporan Publik", await http.GetStringAsync("/laporan"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterPages_SendAContentSecurityPolicyAllowingOnlyTheTileServer()
    {
        using var http = _app.CreateClient();

        using var response = await http.GetAsync("/laporan?peta=1");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("img-src 'self' data: https://tile.openstreetmap.org;", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-tiles=\"https://tile.openstreetmap.org/{z}/{x}/{y}.png\"", page, StringComparison.Ordinal);
        Assert.Matches(@"/js/register-map\.[a-z0-9]+\.js", page); // fingerprinted: cached as immutable
    }

    [Fact]
    public async Task PublicViews_PublishedTextWithLongRunsOfSpaces_AnswerInFull()
    {
        var text = "Lampu jalan Blok" + new string(' ', 1300) + "No" + new string(' ', 1300) + "x mati total";
        var code = await new PublishedReports(_app).CreateAsync(text);
        using var http = _app.CreateClient();

        using var register = await http.GetAsync("/laporan");
        using var report = await http.GetAsync("/laporan/" + code);
        using var json = await http.GetAsync("/api/v1/open-data/complaints.json");
        using var csv = await http.GetAsync("/api/v1/open-data/complaints.csv");

        foreach (var response in new[] { register, report, json, csv })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Contains(code, await register.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("x mati total", await report.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var item = Assert.Single(JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement.EnumerateArray());
        Assert.Equal(text, item.GetProperty("text").GetString());
        using var rows = new CsvReader(new StringReader(await csv.Content.ReadAsStringAsync()), CultureInfo.InvariantCulture);
        var row = Assert.Single(rows.GetRecords<dynamic>().Cast<IDictionary<string, object>>());
        Assert.Equal(text, row["Text"]);
    }

    /// <summary>A report whose citizen typed their NIK, three phone numbers and an e-mail address.</summary>
    public const string TextWithPersonalData =
        "Lampu jalan padam di Gang Kenanga. NIK saya 3275012345670001, hp 0812 3456 7890, +62 813-1111-2222 atau 081299998888, " +
        "email joko.w@posmail.id";

    /// <summary>Searches that would find the report by what its page shows masked.</summary>
    public static readonly string[] PersonalDataQueries =
        ["3275012345670001", "0812 3456 7890", "3456", "+62 813-1111-2222", "813 1111", "081299998888", "posmail", "joko posmail"];

    [Fact]
    public async Task RegisterSearch_PersonalDataOfAPublishedReport_FindsNothingWordsStillMatch()
    {
        var code = await new PublishedReports(_app).CreateAsync(TextWithPersonalData);
        using var visitor = PageClient.For(_app);
        using var manager = await _app.StaffClientAsync(Roles.Manager);

        foreach (var q in PersonalDataQueries)
        {
            var query = Uri.EscapeDataString(q);
            Assert.True(Codes(await visitor.GetAsync("/laporan?q=" + query)).Count == 0, $"/laporan?q={q} finds the report");
            var map = await visitor.Http.GetStringAsync("/api/v1/open-data/map.geojson?q=" + query);
            Assert.DoesNotContain(code, map, StringComparison.Ordinal);
        }

        Assert.Equal([code], Codes(await visitor.GetAsync("/laporan?q=kenanga")));
        Assert.Equal([code], Codes(await visitor.GetAsync("/laporan?q=lampu+padam")));
        Assert.Contains(code, await visitor.Http.GetStringAsync("/api/v1/open-data/map.geojson?q=kenanga"), StringComparison.Ordinal);
        foreach (var q in new[] { "3275012345670001", "081299998888", "0812 3456 7890" })
        {
            var staff = await manager.GetStringAsync("/api/v1/staff/complaints?q=" + Uri.EscapeDataString(q));
            Assert.True(staff.Contains(code, StringComparison.Ordinal), $"staff search for {q} misses the report");
        }
    }
}
