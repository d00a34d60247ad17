namespace Aduan.Supervision;

/// <summary>One cell: its text, the number behind it for spreadsheets, and the list of reports it counts.</summary>
public sealed record FigureCell(string Text, double? Number = null, string? Link = null);

/// <summary>
/// A dashboard table as the page, the CSV and the XLSX show it: a title, localized column names, and
/// rows whose first cell names the row. <see cref="ChartColumn"/> is the column the page draws as bars.
/// </summary>
public sealed record FigureTable(string Id, string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<FigureCell>> Rows,
    int? ChartColumn = 1);
