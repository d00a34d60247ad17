using System.Globalization;
using System.Text;
using Aduan.Infrastructure;
using ClosedXML.Excel;

namespace Aduan.Supervision;

/// <summary>
/// Dashboard tables as files: CSV (one table; the column names as the page shows them, so Indonesian
/// by default) and XLSX (a sheet per table). Numbers are written as numbers; every text, agency and
/// kecamatan names included, goes through <see cref="SpreadsheetSafety"/> and is never run as a formula.
/// </summary>
public static class DashboardExport
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Csv(FigureTable table)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = SpreadsheetSafety.CsvWriter(writer))
        {
            foreach (var h in table.Headers)
            {
                csv.WriteField(h);
            }

            csv.NextRecord();
            foreach (var row in table.Rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(cell.Number is { } n ? n.ToString(CultureInfo.InvariantCulture) : cell.Text);
                }

                csv.NextRecord();
            }
        }

        return buffer.ToArray();
    }

    public static byte[] Xlsx(IEnumerable<FigureTable> tables, IEnumerable<(string Label, FigureCell Value)>? cover = null, string? coverTitle = null)
    {
        using var book = new XLWorkbook();
        if (cover is not null)
        {
            var sheet = book.Worksheets.Add(SheetName(coverTitle ?? "Ringkasan", book));
            var row = 1;
            foreach (var (label, value) in cover)
            {
                SpreadsheetSafety.SetText(sheet.Cell(row, 1), label);
                if (value.Number is { } number)
                {
                    sheet.Cell(row, 2).Value = number;
                }
                else
                {
                    SpreadsheetSafety.SetText(sheet.Cell(row, 2), value.Text);
                }

                row++;
            }

            sheet.Column(1).Width = 40;
            sheet.Column(2).Width = 30;
        }

        foreach (var table in tables)
        {
            AddSheet(book, table);
        }

        using var buffer = new MemoryStream();
        book.SaveAs(buffer);
        return buffer.ToArray();
    }

    private static void AddSheet(XLWorkbook book, FigureTable table)
    {
        var sheet = book.Worksheets.Add(SheetName(table.Title, book));
        for (var i = 0; i < table.Headers.Count; i++)
        {
            SpreadsheetSafety.SetText(sheet.Cell(1, i + 1), table.Headers[i]);
        }

        for (var r = 0; r < table.Rows.Count; r++)
        {
            for (var c = 0; c < table.Rows[r].Count; c++)
            {
                var cell = table.Rows[r][c];
                if (cell.Number is { } n)
                {
                    sheet.Cell(r + 2, c + 1).Value = n;
                }
                else
                {
                    SpreadsheetSafety.SetText(sheet.Cell(r + 2, c + 1), cell.Text);
                }
            }
        }

        // Fixed widths: ClosedXML measures text with System.Drawing, which Linux servers lack.
        sheet.Row(1).Style.Font.Bold = true;
        sheet.Column(1).Width = 40;
        if (table.Headers.Count > 1)
        {
            sheet.Columns(2, table.Headers.Count).Width = 16;
        }
    }

    /// <summary>At most 31 characters, none of : \ / ? * [ ], unique in the book.</summary>
    private static string SheetName(string title, XLWorkbook book)
    {
        var name = new string(title.Select(ch => ch is ':' or '\\' or '/' or '?' or '*' or '[' or ']' ? ' ' : ch).ToArray()).Trim();
        name = name.Length > 31 ? name[..31] : name;
        var unique = name;
        for (var i = 2; book.Worksheets.Contains(unique); i++)
        {
            unique = (name.Length > 28 ? name[..28] : name) + " " + i.ToString(CultureInfo.InvariantCulture);
        }

        return unique;
    }
}
