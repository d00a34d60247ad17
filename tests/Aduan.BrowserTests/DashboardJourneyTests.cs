using Aduan.BrowserTests.Support;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Aduan.BrowserTests;

/// <summary>The leadership dashboard in a browser: a number clicked opens exactly the reports behind it.</summary>
public sealed class DashboardJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Dashboard_ManagerClicksAnAgencysOverdueCount_LandsOnExactlyThoseReports()
    {
        var code = await SubmitThroughApiAsync(TestApi.Report(
            "Saluran air di depan Posyandu Melati tersumbat sampah dan air menggenang sampai ke halaman warga.", category: "KESEHATAN",
            location: new { address = "Jl. Melati No. 3", kecamatan = "Jatiasih" }));
        await VerifyAsync(code, "KESEHATAN", "DINKES");

        // The app runs on the real clock: its deadline is set weeks back, as if nobody had touched it since.
        var past = DateTimeOffset.UtcNow.AddDays(-20);
        await App.WithDbAsync(async db =>
        {
            // Through the context, not ExecuteUpdate: the dashboard's daily counts follow a saved report, as in the app.
            var report = await db.Complaints.SingleAsync(c => c.TrackingCode == code);
            db.Entry(report).Property(c => c.NextDueAt).CurrentValue = past;
            db.Entry(report).Property(c => c.DueOrder).CurrentValue = past;
            return await db.SaveChangesAsync();
        });

        await AsAsync(BrowserApp.DeskManager, async page =>
        {
            await page.GotoAsync("/staff/dasbor");
            var row = page.GetByTestId("table-overdue").Locator("tbody tr", new() { HasText = "Dinas Kesehatan" });
            var figure = row.Locator("a[data-figure]");
            var count = int.Parse(await figure.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
            await AssertFitsAsync(page, "[data-testid=section-overdue]");

            await figure.ClickAsync();

            await Expect(page).ToHaveURLAsync(At("/staff/reports"));
            await Expect(page.GetByTestId("count")).ToHaveAttributeAsync("data-count", count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var rows = page.GetByTestId("reports").Locator("tbody tr");
            await Expect(rows).ToHaveCountAsync(count);
            await Expect(page.GetByTestId("reports")).ToContainTextAsync(code);
            Assert.All(await rows.Locator("td:nth-child(5)").AllTextContentsAsync(), agency => Assert.Equal("DINKES", agency)); // hidden on a phone

            await Expect(page.Locator("#overdue")).ToBeCheckedAsync();
            await Expect(page.Locator("#agency")).ToHaveValueAsync("DINKES");
        }, phone: true);
    }
}
