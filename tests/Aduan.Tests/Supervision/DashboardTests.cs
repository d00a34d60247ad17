using System.Net;
using Aduan.Complaints;
using Aduan.Identity;
using Aduan.Statistics;
using Aduan.Supervision;
using Aduan.Tests.Support;
using AngleSharp.Html.Dom;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Supervision;

/// <summary>The dashboard's figures against the hand-counted <see cref="SupervisionHistory"/>, on SQLite or PostgreSQL.</summary>
public sealed class DashboardTests(SupervisionHistory history) : IClassFixture<SupervisionHistory>
{
    private static readonly Period June = new(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30));
    private readonly AduanFactory _app = history.Factory;

    private async Task<SupervisionSummary> SummaryAsync(SupervisionScope scope)
    {
        await using var services = _app.Services.CreateAsyncScope();
        return await services.ServiceProvider.GetRequiredService<SupervisionQueries>().SummaryAsync(scope, June, CancellationToken.None);
    }

    [Fact]
    public async Task SummaryAsync_June_GivesTheHandCountedFigures()
    {
        var s = await SummaryAsync(SupervisionScope.City);

        Assert.Equal((4, 2), (s.Received, s.FollowedUp));
        Assert.Equal(
            [(ComplaintStatus.Submitted, 1), (ComplaintStatus.Deferred, 0), (ComplaintStatus.Dispatched, 1), (ComplaintStatus.InProgress, 0),
                (ComplaintStatus.FollowedUp, 1)],
            s.OpenByState.Select(x => (x.Status, x.Count)));
        Assert.Equal(3, s.OpenByAge.Single(a => a.Band.Code == "31-60").Count); // 43 days old on 15 July
        Assert.Equal(3, s.OpenByAge.Sum(a => a.Count));
        Assert.Equal([("DBMSDA", 1), (null, 1)], s.OverdueByAgency.Select(o => (o.Code, o.Count)).OrderBy(o => o.Code is null));
        Assert.Equal(1, s.OmbudsmanFlagged);
        Assert.Equal((2, 1), (s.ImportedReceived, s.ImportedOpen));

        Assert.Equal(["DINKES", "DBMSDA"], s.Ranking.Select(a => a.Code)); // 100 % on time before 50 %
        var dinkes = s.Ranking[0];
        Assert.Equal((1, 1, 1, 0, 1), (dinkes.Received, dinkes.FollowedUp, dinkes.OnTime, dinkes.Late, dinkes.Reopened));
        Assert.Equal((1.0, 1.0), (dinkes.OnTimeShare, dinkes.ReopenRate));
        Assert.Equal(new Percentiles(1, 1, 1), dinkes.Response);
        Assert.Equal(new Percentiles(1, 3, 3), dinkes.FollowUp); // Tue 2 to Fri 5 June: Wed, Thu, Fri
        Assert.Null(dinkes.AverageRating);
        var dbmsda = s.Ranking[1];
        Assert.Equal((2, 1, 1, 1, 0, 1), (dbmsda.Received, dbmsda.FollowedUp, dbmsda.OnTime, dbmsda.Late, dbmsda.Reopened, dbmsda.Rated));
        Assert.Equal(0.5, dbmsda.OnTimeShare);
        Assert.Equal(4.0, dbmsda.AverageRating);
        Assert.Equal(new Percentiles(1, 1, 1), dbmsda.Response);
        Assert.Equal(new Percentiles(1, 2, 2), dbmsda.FollowUp);
        Assert.Empty(s.MostImproved); // nothing in May to improve on

        Assert.Equal(SupervisionQueries.Weeks, s.Weeks.Count);
        Assert.Equal(new DateOnly(2026, 6, 29), s.Weeks[^1].Week.From); // the week holding 30 June, Monday first
        var firstWeek = s.Weeks.Single(w => w.Week.From == new DateOnly(2026, 6, 1));
        Assert.Equal((4, 2), (firstWeek.Received, firstWeek.FollowedUp));
        Assert.Equal(1, s.Weeks.Sum(w => w.Missed)); // A2's deadline, once
        Assert.Equal([("Bekasi Timur", 2), ("Bekasi Barat", 1)], s.ByKecamatan.Select(k => (k.Name, k.Open)));
    }

    [Fact]
    public async Task SummaryAsync_AgencyScope_CountsOnlyThatAgencysReports()
    {
        var s = await SummaryAsync(SupervisionScope.Agency(ComplaintBuilder.Dbmsda.Id, "DBMSDA"));

        Assert.Equal(2, s.Received);
        Assert.Equal(["DBMSDA"], s.Ranking.Select(a => a.Code));
        Assert.Equal(1, s.Open); // A2; A1 is resolved
        Assert.Equal([("DBMSDA", 1)], s.OverdueByAgency.Select(o => (o.Code, o.Count)));
        Assert.Equal((0, 0), (s.ImportedReceived, s.ImportedOpen));
    }

    /// <summary>Follows every figure's link on the page and counts the reports the list gives.</summary>
    private static async Task<int> AssertEveryLinkCountsItsFigureAsync(PageClient browser, IHtmlDocument page)
    {
        var links = page.QuerySelectorAll("a[data-figure]").Cast<IHtmlAnchorElement>().ToList();
        foreach (var link in links)
        {
            var href = link.GetAttribute("href")!;
            Assert.StartsWith("/staff/reports?", href, StringComparison.Ordinal);
            var list = await browser.GetAsync(href);
            Assert.Equal(HttpStatusCode.OK, browser.Status);
            var count = list.QuerySelector("[data-testid=count]")?.GetAttribute("data-count") is { } n ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 0;
            Assert.True(SupervisionHistory.Number(link.TextContent) == count, $"{link.TextContent.Trim()} at {href} lists {count}");
        }

        return links.Count;
    }

    [Fact]
    public async Task Dashboard_Manager_EveryFigureLinksToAListOfExactlyThatManyReports()
    {
        using var manager = await PageClient.SignedInAsync(_app, Roles.Manager);

        var page = await manager.GetAsync("/staff/dasbor?" + SupervisionHistory.June);

        Assert.Equal(HttpStatusCode.OK, manager.Status);
        Assert.Equal("4", page.QuerySelector("[data-testid=fig-received] strong")!.TextContent);
        Assert.Equal("2", page.QuerySelector("[data-testid=fig-overdue] strong")!.TextContent);
        Assert.True(await AssertEveryLinkCountsItsFigureAsync(manager, page) > 40);
    }

    [Fact]
    public async Task Dashboard_OverdueOfOneAgency_ListsExactlyItsOverdueReport()
    {
        using var manager = await PageClient.SignedInAsync(_app, Roles.Manager);
        var page = await manager.GetAsync("/staff/dasbor?" + SupervisionHistory.June);
        var row = page.QuerySelectorAll("[data-testid=table-overdue] tr").Single(r => r.TextContent.Contains("Bina Marga", StringComparison.Ordinal));

        var list = await manager.GetAsync(row.QuerySelector("a[data-figure]")!.GetAttribute("href")!);

        Assert.Equal([history.A2], list.QuerySelectorAll("[data-testid=reports] tbody tr").Select(r => r.QuerySelector("a")!.TextContent.Trim()));
    }

    [Fact]
    public async Task Dashboard_AgencyHead_SeesOnlyTheirAgencyAndItsLinksAgree()
    {
        using var head = await PageClient.SignedInAsync(_app, Roles.AgencyHead, "DBMSDA");

        var page = await head.GetAsync("/staff/dasbor?" + SupervisionHistory.June);

        Assert.Equal(HttpStatusCode.OK, head.Status);
        Assert.Equal("2", page.QuerySelector("[data-testid=fig-received] strong")!.TextContent);
        Assert.Single(page.QuerySelectorAll("[data-testid=table-ranking] tbody tr"));
        Assert.DoesNotContain("Dinas Kesehatan", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.All(page.QuerySelectorAll("a[data-figure]"), a => Assert.Contains("agency=DBMSDA", a.GetAttribute("href"), StringComparison.Ordinal));
        await AssertEveryLinkCountsItsFigureAsync(head, page);
    }

    [Fact]
    public async Task Scorecard_AgencyHead_OwnAgencyOnly()
    {
        using var head = await PageClient.SignedInAsync(_app, Roles.AgencyHead, "DBMSDA");

        await head.GetAsync("/staff/dasbor/instansi/DBMSDA?bulan=2026-06");
        Assert.Equal(HttpStatusCode.OK, head.Status);
        await head.GetAsync("/staff/dasbor/instansi/DINKES?bulan=2026-06");
        Assert.Equal(HttpStatusCode.Forbidden, head.Status);
        await head.GetAsync("/staff/dasbor/instansi/DINKES?bulan=2026-06&format=xlsx");
        Assert.Equal(HttpStatusCode.Forbidden, head.Status);
    }

    [Theory]
    [InlineData(Roles.AgencyOfficer, "DBMSDA")]
    [InlineData(Roles.Urc, "DBMSDA")]
    [InlineData(Roles.Operator, null)]
    public async Task Dashboard_OtherRoles_Forbidden(string role, string? agency)
    {
        using var staff = await PageClient.SignedInAsync(_app, role, agency);

        await staff.GetAsync("/staff/dasbor");
        Assert.Equal(HttpStatusCode.Forbidden, staff.Status);
        await staff.GetAsync("/staff/dasbor/instansi/DBMSDA");
        Assert.Equal(HttpStatusCode.Forbidden, staff.Status);
        await staff.GetAsync("/staff/dasbor?handler=export&table=ranking&format=csv");
        Assert.Equal(HttpStatusCode.Forbidden, staff.Status);
    }

    [Fact]
    public async Task Scorecard_Manager_ShowsTheMonthOldestAndOverdueAndLinksAgree()
    {
        using var manager = await PageClient.SignedInAsync(_app, Roles.Manager);

        var page = await manager.GetAsync("/staff/dasbor/instansi/DBMSDA?bulan=2026-06");

        Assert.Equal(HttpStatusCode.OK, manager.Status);
        Assert.Contains("Juni 2026", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal([history.A2], page.QuerySelectorAll("[data-testid=table-oldest] tbody tr").Select(r => r.QuerySelector("a")!.TextContent));
        Assert.Equal([history.A2], page.QuerySelectorAll("[data-testid=table-overdue-list] tbody tr").Select(r => r.QuerySelector("a")!.TextContent));
        await AssertEveryLinkCountsItsFigureAsync(manager, page);
    }

    [Fact]
    public async Task Scorecard_Xlsx_OpensWithTheMonthsFigures()
    {
        using var manager = await PageClient.SignedInAsync(_app, Roles.Manager);

        var bytes = await manager.Http.GetByteArrayAsync("/staff/dasbor/instansi/DBMSDA?bulan=2026-06&format=xlsx");

        using var book = new XLWorkbook(new MemoryStream(bytes));
        var figures = book.Worksheet(1);
        double Figure(string label) => figures.RowsUsed().Single(r => r.Cell(1).GetString() == label).Cell(2).GetDouble();
        Assert.Equal("Dinas Bina Marga dan Sumber Daya Air", figures.Cell(1, 2).GetString());
        Assert.Equal(2, Figure("Masuk"));
        Assert.Equal(1, Figure("Ditindaklanjuti"));
        Assert.Equal(0.5, Figure("Tepat waktu (%)"));
        Assert.Equal(4, Figure("Nilai rata-rata (1–5)"));
        Assert.Equal(history.A2, book.Worksheet(3).Cell(2, 1).GetString()); // the oldest open report
        FormulaText.AssertNoFormulas(bytes);
    }

    [Fact]
    public async Task Export_RankingCsv_HasTheTablesColumnsAndNumbers()
    {
        using var manager = await PageClient.SignedInAsync(_app, Roles.Manager);

        var csv = await manager.Http.GetStringAsync("/staff/dasbor?handler=export&table=ranking&format=csv&" + SupervisionHistory.June);

        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Instansi,Tepat waktu (%),Masuk,Ditindaklanjuti,Tepat waktu,Terlambat,", lines[0], StringComparison.Ordinal);
        Assert.Equal("Dinas Kesehatan,1,1,1,1,0,1,1,3,3,1,1,0,–", lines[1]);
        Assert.StartsWith("Dinas Bina Marga dan Sumber Daya Air,0.5,2,1,1,1,1,1,2,2,0,0,1,4", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_AllTablesXlsx_OneSheetPerTable()
    {
        using var manager = await PageClient.SignedInAsync(_app, Roles.Manager);

        var bytes = await manager.Http.GetByteArrayAsync("/staff/dasbor?handler=export&format=xlsx&" + SupervisionHistory.June);

        using var book = new XLWorkbook(new MemoryStream(bytes));
        Assert.Equal(DashboardTables.Ids.Count, book.Worksheets.Count);
        var weeks = book.Worksheets.Single(s => s.Name.StartsWith("Tren mingguan", StringComparison.Ordinal));
        Assert.Equal(4, weeks.RowsUsed().Skip(1).Sum(r => r.Cell(2).GetDouble()));
        FormulaText.AssertNoFormulas(bytes);
    }

    [Theory]
    [InlineData("periode=rentang&from=2026-13-01&to=2026-06-30", "From")]
    [InlineData("periode=rentang&from=2026-06-30&to=2026-06-01", "To")]
    public async Task Dashboard_BadRange_SaysWhyBesideTheField(string query, string field)
    {
        using var manager = await PageClient.SignedInAsync(_app, Roles.Manager);

        var page = await manager.GetAsync("/staff/dasbor?" + query);

        Assert.Equal(HttpStatusCode.OK, manager.Status);
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector($"[data-valmsg-for={field}]")?.TextContent));
        Assert.Null(page.QuerySelector("[data-testid=fig-received]"));
    }

    [Fact]
    public async Task ReportList_UnknownAgeBand_SaysWhyAndListsNothing()
    {
        using var manager = await PageClient.SignedInAsync(_app, Roles.Manager);

        var page = await manager.GetAsync("/staff/reports?age=99-100&open=true");

        Assert.Equal(HttpStatusCode.OK, manager.Status);
        Assert.Contains("99-100", page.QuerySelector("[data-testid=figure-filters]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-testid=reports]"));
    }

    [Fact]
    public void Csv_FormulaLikeName_IsNeverRun()
    {
        var table = new FigureTable("t", "T", ["Instansi", "Masuk"], [[new FigureCell("=HYPERLINK(\"http://contoh.id\")"), new FigureCell("-3", -3)]]);

        var cells = System.Text.Encoding.UTF8.GetString(DashboardExport.Csv(table)).Split("\r\n")[1];

        Assert.StartsWith("\"'=HYPERLINK", cells, StringComparison.Ordinal);
        Assert.EndsWith(",-3", cells, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_Dashboard_ManagerGetsTheFiguresOfficerGets403BadDatesGet400()
    {
        var manager = await _app.StaffClientAsync(Roles.Manager);
        var officer = await _app.StaffClientAsync(Roles.AgencyOfficer, "DBMSDA");

        var summary = await manager.GetFromJsonAsync<JsonElement>("/api/v1/staff/dashboard?from=2026-06-01&to=2026-06-30");
        Assert.Equal(4, summary.GetProperty("received").GetInt32());
        Assert.Equal(2, summary.GetProperty("ranking").GetArrayLength());

        await (await officer.GetAsync("/api/v1/staff/dashboard?from=2026-06-01&to=2026-06-30")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await manager.GetAsync("/api/v1/staff/dashboard?from=2026-06-30&to=2026-06-01")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Api_StaffList_TakesTheDashboardFilters()
    {
        var manager = await _app.StaffClientAsync(Roles.Manager);

        var page = await manager.GetFromJsonAsync<JsonElement>("/api/v1/staff/complaints?from=2026-06-01&to=2026-06-30&asal=baru&followedup=true");

        Assert.Equal(2, page.GetProperty("totalCount").GetInt32());
        await (await manager.GetAsync("/api/v1/staff/complaints?age=kemarin")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task FigureRebuild_FiguresLost_WritesTheSameFiguresFromTheEvents()
    {
        var before = await SummaryAsync(SupervisionScope.City);
        await _app.WithDbAsync(db => db.Complaints.ExecuteUpdateAsync(s => s
            .SetProperty(c => c.FirstResponseAt, (DateTimeOffset?)null).SetProperty(c => c.ResponseWorkingDays, (int?)null)
            .SetProperty(c => c.FollowUpWorkingDays, (int?)null).SetProperty(c => c.ReopenCount, 0)));
        await using (var recount = _app.Services.CreateAsyncScope())
        {
            // Changed outside the app: the counts follow once counted anew (supervision rebuild --counts-only).
            await recount.ServiceProvider.GetRequiredService<DailyCountRebuild>().RunAsync(null, CancellationToken.None);
        }

        Assert.NotEqual(before.Ranking, (await SummaryAsync(SupervisionScope.City)).Ranking);

        await using var services = _app.Services.CreateAsyncScope();
        var written = await services.ServiceProvider.GetRequiredService<FigureRebuild>().RunAsync(null, CancellationToken.None);

        Assert.Equal(4, written); // the imported reports have no such figures
        Assert.Equal(before.Ranking, (await SummaryAsync(SupervisionScope.City)).Ranking);
    }

    [Fact]
    public async Task Dashboard_PickLastMonthInTheForm_ShowsJuneWhateverTheDatesShown()
    {
        using var manager = await PageClient.SignedInAsync(_app, Roles.Manager);
        var thisMonth = await manager.GetAsync("/staff/dasbor"); // 1–15 July 2026: nothing received yet
        Assert.Equal("0", thisMonth.QuerySelector("[data-testid=fig-received] strong")!.TextContent);

        var from = thisMonth.QuerySelector("#From")!.GetAttribute("value");
        var to = thisMonth.QuerySelector("#To")!.GetAttribute("value");
        Assert.Equal(("2026-07-01", "2026-07-15"), (from, to));

        // As the browser sends the GET form: the list's choice and the dates it still shows.
        var lastMonth = await manager.GetAsync($"/staff/dasbor?Periode=bulan-lalu&From={from}&To={to}");

        Assert.Equal("4", lastMonth.QuerySelector("[data-testid=fig-received] strong")!.TextContent);
        Assert.Equal("2026-06-30", lastMonth.QuerySelector("#To")!.GetAttribute("value"));
    }
}
