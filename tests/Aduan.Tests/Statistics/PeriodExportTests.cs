using System.Globalization;
using System.Text;
using Aduan.Resources;
using Aduan.Statistics;
using Aduan.Tests.Support;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Aduan.Tests.Statistics;

/// <summary>The period report's downloads hold agency and category names that admins typed: never a formula.</summary>
public sealed class PeriodExportTests(AduanFactory app) : IClassFixture<AduanFactory>
{
    private IStringLocalizer<SharedResource> Text => app.Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    private static PeriodReport GeneratedReport(Random random)
    {
        List<CountView> Counts(int n) => Enumerable.Range(0, n)
            .Select(_ => new CountView(FormulaText.Next(random), FormulaText.Next(random), random.Next(100), random.Next(100))).ToList();
        return new PeriodReport("2026-06-01", "2026-06-30", 10, 5, 1, Counts(6), Counts(6), Counts(2), FormulaText.Next(random));
    }

    [Fact]
    public void Csv_GeneratedFormulaLikeNames_EveryCellEscaped()
    {
        var random = new Random(20261214);

        for (var i = 0; i < 30; i++)
        {
            var csv = PeriodExport.Csv(GeneratedReport(random), Text);

            using var reader = new CsvParser(new StringReader(Encoding.UTF8.GetString(csv)), CultureInfo.InvariantCulture);
            var cells = 0;
            while (reader.Read())
            {
                foreach (var cell in reader.Record!)
                {
                    Assert.False(FormulaText.WouldRun(cell), cell);
                    cells++;
                }
            }

            Assert.True(cells > 50);
        }
    }

    [Fact]
    public void Xlsx_GeneratedFormulaLikeNames_HasNoFormulaAndKeepsThemText()
    {
        var random = new Random(20261215);

        for (var i = 0; i < 10; i++)
        {
            var report = GeneratedReport(random);

            var xlsx = PeriodExport.Xlsx(report, Text);

            FormulaText.AssertNoFormulas(xlsx);
            using var book = new ClosedXML.Excel.XLWorkbook(new MemoryStream(xlsx));
            // The text as written (XML reads a lone carriage return back as a line feed).
            Assert.Equal(report.ByAgency[0].Name.Replace('\r', '\n'), book.Worksheet(2).Cell(2, 2).GetString());
        }
    }
}
