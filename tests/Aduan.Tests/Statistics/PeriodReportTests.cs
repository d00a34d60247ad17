using System.Net;
using System.Net.Http.Json;
using Aduan.Statistics;
using Aduan.Tests.Importing;
using Aduan.Tests.Support;
using ClosedXML.Excel;

namespace Aduan.Tests.Statistics;

/// <summary>The period report over the October 2020 release's numbers, imported as past reports.</summary>
public sealed class PeriodReportTests(PeriodReportTests.ArticleData data) : IClassFixture<PeriodReportTests.ArticleData>
{
    private const string Query = "?from=2020-10-11&to=2020-10-27";
    private readonly AduanFactory _factory = data.Factory;

    /// <summary>One app with the article's reports for all the tests here: they only read.</summary>
    public sealed class ArticleData : IAsyncLifetime
    {
        public AduanFactory Factory { get; } = new();

        public async Task InitializeAsync() => Assert.True((await PastReportsCsv.Article().ImportAsync(Factory)).Saved);

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task GetPeriod_ArticleData_GivesTheReleasesNumbersAndRanking()
    {
        var report = await _factory.CreateClient().GetFromJsonAsync<PeriodReport>("/api/v1/stats/period" + Query);

        Assert.NotNull(report);
        Assert.Equal((59, 59), (report.Received, report.FollowedUp));
        Assert.Equal(["DINKES", "DISDUKCAPIL", "BAPENDA"], report.ByAgency.Take(3).Select(a => a.Code));
        Assert.Equal([19, 12, 6], report.ByAgency.Take(3).Select(a => a.FollowedUp));
        Assert.Equal(22, report.ByAgency.Skip(3).Sum(a => a.Received));
        Assert.Equal(59, report.ByCategory.Sum(c => c.Received));
        Assert.Equal(20, report.ByChannel.Single(c => c.Code == "Sms").Received);
    }

    [Fact]
    public async Task GetPeriod_ArticleData_SummaryReadsLikeThePressRelease()
    {
        var report = await _factory.CreateClient().GetFromJsonAsync<PeriodReport>("/api/v1/stats/period" + Query);

        Assert.Equal(
            "Selama periode 11–27 Oktober 2020, pengaduan masyarakat yang masuk sebanyak 59 laporan dan yang telah ditindaklanjuti oleh " +
            "perangkat daerah sebanyak 59 laporan. Pengaduan terbanyak ditujukan kepada Dinas Kesehatan sebanyak 19 pengaduan, disusul " +
            "Dinas Kependudukan dan Pencatatan Sipil sebanyak 12 pengaduan dan Badan Pendapatan Daerah sebanyak 6 pengaduan, sedangkan 22 " +
            "pengaduan lainnya tersebar di perangkat daerah lain.",
            report!.Summary);
    }

    [Fact]
    public async Task GetPeriod_English_SummaryInEnglish()
    {
        var report = await _factory.CreateClient().GetFromJsonAsync<PeriodReport>("/api/v1/stats/period" + Query + "&lang=en");

        Assert.Equal(
            "During 11–27 October 2020, the public sent in 59 complaints and the agencies have followed up 59 of them. Most complaints " +
            "went to Dinas Kesehatan (19), followed by Dinas Kependudukan dan Pencatatan Sipil (12) and Badan Pendapatan Daerah (6), " +
            "while the other 22 went to other agencies.",
            report!.Summary);
    }

    [Fact]
    public async Task GetPeriod_English_OneReport_SaysOneComplaint()
    {
        var report = await _factory.CreateClient().GetFromJsonAsync<PeriodReport>("/api/v1/stats/period?from=2020-10-10&to=2020-10-10&lang=en");

        Assert.StartsWith("During 10 October 2020, the public sent in 1 complaint, and the agencies have followed up 0.", report!.Summary,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPeriod_OneDayEachSide_CountsByWibDates()
    {
        var client = _factory.CreateClient();

        var before = await client.GetFromJsonAsync<PeriodReport>("/api/v1/stats/period?from=2020-10-10&to=2020-10-10");
        var after = await client.GetFromJsonAsync<PeriodReport>("/api/v1/stats/period?from=2020-10-28&to=2020-10-28");
        var first = await client.GetFromJsonAsync<PeriodReport>("/api/v1/stats/period?from=2020-10-11&to=2020-10-11");

        Assert.Equal((1, 0), (before!.Received, before.FollowedUp));
        Assert.Equal(1, after!.Received);
        Assert.True(first!.Received >= 1);
        Assert.StartsWith("Selama periode 10 Oktober 2020,", before.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?from=2020-10-27&to=2020-10-11")]
    [InlineData("?from=11/10/2020&to=2020-10-27")]
    [InlineData("")]
    public async Task GetPeriod_BadRange_ReturnsProblem(string query)
    {
        var response = await _factory.CreateClient().GetAsync("/api/v1/stats/period" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task GetCsv_ArticleData_HasTheSameNumbers()
    {
        var response = await _factory.CreateClient().GetAsync("/api/v1/stats/period.csv" + Query);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("total,,2020-10-11/2020-10-27,59,59", lines.Select(l => l.Trim()));
        Assert.Equal("agency,DINKES,Dinas Kesehatan,19,19", lines[2].Trim());
    }

    [Fact]
    public async Task GetXlsx_ArticleData_OpensWithTheSameNumbers()
    {
        var response = await _factory.CreateClient().GetAsync("/api/v1/stats/period.xlsx" + Query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var book = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));

        Assert.Equal(59, book.Worksheet(1).Cell(2, 2).GetValue<int>());
        Assert.StartsWith("Selama periode 11–27 Oktober 2020", book.Worksheet(1).Cell(5, 1).GetString(), StringComparison.Ordinal);
        var agencies = book.Worksheet(2);
        Assert.Equal(("DINKES", 19), (agencies.Cell(2, 1).GetString(), agencies.Cell(2, 3).GetValue<int>()));
        Assert.Equal(("BAPENDA", 6), (agencies.Cell(4, 1).GetString(), agencies.Cell(4, 4).GetValue<int>()));
    }

    [Fact]
    public async Task GetStatistikPage_ArticleData_ChartsWithTablesUnder150Kilobytes()
    {
        var response = await _factory.CreateClient().GetAsync("/statistik" + Query);
        var html = await response.Content.ReadAsStringAsync();
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(html.Length < 150_000, $"{html.Length} characters");
        Assert.StartsWith("Selama periode 11–27 Oktober 2020", document.QuerySelector("[data-testid=summary]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(6, document.QuerySelectorAll("svg[role=img] > title").Length);
        var dinkes = document.QuerySelectorAll("[data-testid=table-agency] tbody tr")[0];
        Assert.Equal(["Dinas Kesehatan", "19", "19"], dinkes.Children.Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task GetStatistikPage_English_SameAddressInEnglish()
    {
        var html = await _factory.CreateClient().GetStringAsync("/statistik" + Query + "&lang=en");
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);

        Assert.Equal("Complaint statistics", document.QuerySelector("h1")!.TextContent);
        Assert.StartsWith("During 11–27 October 2020", document.QuerySelector("[data-testid=summary]")!.TextContent, StringComparison.Ordinal);
    }
}
