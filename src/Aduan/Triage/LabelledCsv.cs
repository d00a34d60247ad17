using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Aduan.Triage;

/// <summary>The labelled rows of a CSV, or why there are none, in words an operator can act on.</summary>
public sealed record LabelledCsvResult(IReadOnlyList<LabelledText> Rows, int Skipped, string? Error);

/// <summary>
/// Reads any labelled CSV a city hands over: UTF-8 (with or without a byte-order mark), a header
/// row, fields quoted or not (quoted fields may hold commas and line breaks), the delimiter
/// guessed among comma, semicolon and tab. Rows with an empty text or label are skipped and counted.
/// </summary>
public static class LabelledCsv
{
    public static LabelledCsvResult Read(string path, string textColumn, string labelColumn)
    {
        if (!File.Exists(path))
        {
            return Fail($"No such file: {path}");
        }

        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            BadDataFound = null,
            MissingFieldFound = null,
        };
        using var reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, config);
        try
        {
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
            {
                return Fail($"{path} is empty: expected a header row naming the columns, then one row per example.");
            }

            var text = Column(header, textColumn);
            var label = Column(header, labelColumn);
            if (text < 0 || label < 0)
            {
                var missing = text < 0 ? textColumn : labelColumn;
                return Fail($"{path} has no column \"{missing}\". Its columns: {string.Join(", ", header.Select(h => "\"" + h + "\""))}.");
            }

            var rows = new List<LabelledText>();
            var skipped = 0;
            while (csv.Read())
            {
                var t = csv.GetField(text)?.Trim();
                var l = csv.GetField(label)?.Trim();
                if (string.IsNullOrEmpty(t) || string.IsNullOrEmpty(l))
                {
                    skipped++;
                    continue;
                }

                rows.Add(new LabelledText(t, l));
            }

            return rows.Count == 0
                ? Fail($"{path} has a header but no row with both a text and a label.")
                : new LabelledCsvResult(rows, skipped, null);
        }
        catch (DecoderFallbackException)
        {
            return Fail($"{path} is not UTF-8 text. Save it as \"CSV UTF-8\" and try again.");
        }
        catch (CsvHelperException e)
        {
            return Fail($"{path} could not be read as CSV near row {e.Context?.Parser?.Row}: check its quotes.");
        }
    }

    private static int Column(string[] header, string name) =>
        Array.FindIndex(header, h => string.Equals(h.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase));

    private static LabelledCsvResult Fail(string error) => new([], 0, error);
}
