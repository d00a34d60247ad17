using System.Globalization;
using ClosedXML.Excel;
using CsvHelper;
using CsvHelper.Configuration;

namespace Aduan.Infrastructure;

/// <summary>
/// Exported text that spreadsheets show and never run. Excel, LibreOffice and Google Sheets take a
/// cell starting with = + - @ (or a tab or carriage return before one) as a formula: a report titled
/// <c>=HYPERLINK("http://…")</c> would put a live link, or worse, in the open data of whoever opens it.
/// </summary>
public static class SpreadsheetSafety
{
    /// <summary>
    /// What makes a spreadsheet read a cell as a formula (CsvHelper's injection characters, the OWASP list),
    /// and their fullwidth and small forms, which some spreadsheets fold to the same signs.
    /// </summary>
    public static readonly char[] FormulaStarts =
        ['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20', '\uFE66', '\uFE62', '\uFE63', '\uFE6B'];

    /// <summary>A text a spreadsheet would run; a plain number such as -6.244 is not one (and stays a number).</summary>
    public static bool LooksLikeFormula(string? value) =>
        value is { Length: > 0 } && FormulaStarts.Contains(value[0]) && !IsPlainNumber(value);

    /// <summary>A CSV writer that escapes formula-like fields with a leading apostrophe (CsvHelper's InjectionOptions.Escape).</summary>
    public static CsvWriter CsvWriter(TextWriter writer) => new FormulaEscapingCsvWriter(writer);

    /// <summary>Sets a cell to <paramref name="value"/> as text; a formula-like one is also marked text-on-edit (Excel's quote prefix).</summary>
    public static void SetText(IXLCell cell, string value)
    {
        cell.SetValue(value);
        if (LooksLikeFormula(value))
        {
            cell.Style.IncludeQuotePrefix = true;
        }
    }

    private static bool IsPlainNumber(string value) =>
        decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);

    private sealed class FormulaEscapingCsvWriter(TextWriter writer) : CsvHelper.CsvWriter(writer,
        new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape, InjectionCharacters = FormulaStarts })
    {
        // Negative coordinates and counts are numbers to a spreadsheet, not formulas: left as they are.
        protected override string? SanitizeForInjection(string? field) =>
            field is not null && IsPlainNumber(field) ? field : base.SanitizeForInjection(field);
    }
}
