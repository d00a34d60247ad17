using System.IO.Compression;
using System.Xml.Linq;
using ClosedXML.Excel;

namespace Aduan.Tests.Support;

/// <summary>Generated texts a spreadsheet would run as formulas, and checks that exports never let one run.</summary>
public static class FormulaText
{
    private static readonly string[] Starts = ["=", "+", "-", "@", "\t=", "\r=", "\t", "\r", "=-", "-@", "+-", "\uFF1D", "\uFE66", "\uFF20", "\uFF0B"];

    private static readonly string[] Bodies =
    [
        "HYPERLINK(\"http://contoh.id/x\",\"Klik\")", "SUM(1+1)", "cmd|' /C calc'!A0", "1+1", "A1", "IMPORTXML(A1,\"//a\")", "2", " Jalan rusak",
    ];

    public static string Next(Random random) => Starts[random.Next(Starts.Length)] + Bodies[random.Next(Bodies.Length)];

    /// <summary>A parsed CSV cell a spreadsheet would run: it starts like a formula and is not a plain number such as -6.244.</summary>
    public static bool WouldRun(string cell) =>
        cell.Length > 0 && "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B".Contains(cell[0], StringComparison.Ordinal)
        && !decimal.TryParse(cell, System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint,
            System.Globalization.CultureInfo.InvariantCulture, out _);

    /// <summary>Fails when a workbook has a formula cell, or a formula-like text a spreadsheet would run once edited.</summary>
    public static void AssertNoFormulas(byte[] xlsx)
    {
        using (var zip = new ZipArchive(new MemoryStream(xlsx)))
        {
            foreach (var sheet in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
            {
                using var stream = sheet.Open();
                Assert.DoesNotContain(XDocument.Load(stream).Descendants(), e => e.Name.LocalName == "f");
            }
        }

        using var book = new XLWorkbook(new MemoryStream(xlsx));
        foreach (var cell in book.Worksheets.SelectMany(s => s.CellsUsed()))
        {
            Assert.False(cell.HasFormula, cell.Address.ToString());
            if (cell.DataType == XLDataType.Text && WouldRun(cell.GetString()))
            {
                Assert.True(cell.Style.IncludeQuotePrefix, $"{cell.Worksheet.Name}!{cell.Address}: {cell.GetString()}");
            }
        }
    }
}
