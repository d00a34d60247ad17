using Aduan.Infrastructure;
using Aduan.Resources;
using ClosedXML.Excel;
using CsvHelper;
using Microsoft.Extensions.Localization;

namespace Aduan.Statistics;

/// <summary>
/// The period report as files to download: CSV (one table: section, code, name, received,
/// followed up) and XLSX (a sheet for the summary and totals, one per ranking). Names come from
/// admins' forms: every text goes through <see cref="SpreadsheetSafety"/>, never run as a formula.
/// </summary>
public static class PeriodExport
{
    public static byte[] Csv(PeriodReport r, IStringLocalizer<SharedResource> t)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = SpreadsheetSafety.CsvWriter(writer))
        {
            foreach (var h in new[] { "section", "code", "name", "received", "followed_up" })
            {
                csv.WriteField(h);
            }

            csv.NextRecord();
            Row(csv, "total", "", $"{r.From}/{r.To}", r.Received, r.FollowedUp);
            foreach (var (section, rows) in new[] { ("agency", r.ByAgency), ("category", r.ByCategory), ("channel", r.ByChannel) })
            {
                foreach (var c in rows)
                {
                    Row(csv, section, c.Code, c.Name, c.Received, c.FollowedUp);
                }
            }

            Row(csv, "summary", "", r.Summary, null, null);
        }

        return buffer.ToArray();
    }

    private static void Row(CsvWriter csv, string section, string code, string name, int? received, int? followedUp)
    {
        csv.WriteField(section);
        csv.WriteField(code);
        csv.WriteField(name);
        csv.WriteField(received);
        csv.WriteField(followedUp);
        csv.NextRecord();
    }

    public static byte[] Xlsx(PeriodReport r, IStringLocalizer<SharedResource> t)
    {
        using var book = new XLWorkbook();
        var summary = book.Worksheets.Add(t["Stats.Sheet.Summary"]);
        SpreadsheetSafety.SetText(summary.Cell(1, 1), t["Stats.Period"]);
        SpreadsheetSafety.SetText(summary.Cell(1, 2), $"{r.From} – {r.To}");
        SpreadsheetSafety.SetText(summary.Cell(2, 1), t["Stats.Received"]);
        summary.Cell(2, 2).Value = r.Received;
        SpreadsheetSafety.SetText(summary.Cell(3, 1), t["Stats.FollowedUp"]);
        summary.Cell(3, 2).Value = r.FollowedUp;
        SpreadsheetSafety.SetText(summary.Cell(5, 1), r.Summary);
        summary.Column(1).Width = 30;
        foreach (var (title, rows) in r.Tables(t))
        {
            // Sheet names: at most 31 characters, no slashes.
            var sheet = book.Worksheets.Add(title.Length > 31 ? title[..31] : title);
            string[] header = ["Kode", t["Stats.Name"], t["Stats.Received"], t["Stats.FollowedUp"]];
            for (var i = 0; i < header.Length; i++)
            {
                SpreadsheetSafety.SetText(sheet.Cell(1, i + 1), header[i]);
            }

            for (var i = 0; i < rows.Count; i++)
            {
                SpreadsheetSafety.SetText(sheet.Cell(i + 2, 1), rows[i].Code);
                SpreadsheetSafety.SetText(sheet.Cell(i + 2, 2), rows[i].Name);
                sheet.Cell(i + 2, 3).Value = rows[i].Received;
                sheet.Cell(i + 2, 4).Value = rows[i].FollowedUp;
            }

            // Fixed widths: ClosedXML 0.95 measures text with System.Drawing, which Linux servers lack.
            sheet.Row(1).Style.Font.Bold = true;
            sheet.Column(1).Width = 18;
            sheet.Column(2).Width = 50;
            sheet.Columns(3, 4).Width = 16;
        }

        using var buffer = new MemoryStream();
        book.SaveAs(buffer);
        return buffer.ToArray();
    }
}
