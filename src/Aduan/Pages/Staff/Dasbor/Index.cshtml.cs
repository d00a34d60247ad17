using System.Globalization;
using Aduan.Identity;
using Aduan.Infrastructure;
using Aduan.Statistics;
using Aduan.Supervision;
using Aduan.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Aduan.Pages.Staff.Dasbor;

/// <summary>
/// The leadership dashboard: the city's (or, for an agency head, their agency's) open and overdue
/// reports, each agency's figures for the chosen period, the weekly trend and the kecamatan. Every
/// count links to the staff list filtered to exactly its reports; every table downloads as CSV and XLSX.
/// </summary>
[Authorize(Roles = Roles.Leadership + "," + Roles.Manager + "," + Roles.AgencyHead)]
public sealed class IndexModel(SupervisionQueries queries, TimeProvider time) : StaffPageModel
{
    [BindProperty(SupportsGet = true)] public string? Periode { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public SupervisionSummary? Summary { get; private set; }
    public IReadOnlyList<FigureTable> Tables { get; private set; } = [];
    public FigureLinks? Links { get; private set; }

    /// <summary>The period's query string, for the export links.</summary>
    public string PeriodQuery => Summary is { } s ? $"periode={PeriodChoice.Range}&from={Period.Iso(s.Period.From)}&to={Period.Iso(s.Period.To)}" : "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        return Page();
    }

    /// <summary>One table as a file: <c>?handler=export&amp;table=ranking&amp;format=csv</c> (or <c>xlsx</c>; without a table, all in one workbook).</summary>
    public async Task<IActionResult> OnGetExportAsync(string? table, string? format, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        if (Summary is null)
        {
            return Page();
        }

        var name = $"dasbor-{Period.Iso(Summary.Period.From)}-{Period.Iso(Summary.Period.To)}";
        var chosen = table is null ? Tables : Tables.Where(t => t.Id == table).ToList();
        if (chosen.Count == 0 || format is not ("csv" or "xlsx") || (format == "csv" && chosen.Count != 1))
        {
            return NotFound();
        }

        return format == "csv"
            ? File(DashboardExport.Csv(chosen[0]), DashboardExport.CsvType, $"{name}-{chosen[0].Id}.csv")
            : File(DashboardExport.Xlsx(chosen), DashboardExport.XlsxType, $"{name}{(table is null ? "" : "-" + table)}.xlsx");
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (SupervisionScope.For(Staff) is not { } scope)
        {
            return Forbid();
        }

        var today = Period.WibDate(time.GetUtcNow());
        if (From is not null || To is not null)
        {
            Periode = PeriodChoice.Range;
        }

        Periode = PeriodChoice.All.Contains(Periode) ? Periode : PeriodChoice.ThisMonth;
        var period = PeriodChoice.Preset(Periode, today) ?? Parse();
        if (period is null)
        {
            return null;
        }

        (From, To) = (Period.Iso(period.From), Period.Iso(period.To));
        Summary = await queries.SummaryAsync(scope, period, ct);
        Links = new FigureLinks(scope, period);
        Tables = new DashboardTables(T, CultureInfo.CurrentCulture).All(Summary);
        return null;
    }

    /// <summary>The range's dates, each checked beside its field.</summary>
    private Period? Parse()
    {
        var fromOk = Dates.TryParseIso(From, out var from) && from.Year is >= 2000 and <= 2100;
        var toOk = Dates.TryParseIso(To, out var to) && to.Year is >= 2000 and <= 2100;
        if (!fromOk)
        {
            ShowError(nameof(From), "Dash.Error.Date");
        }

        if (!toOk)
        {
            ShowError(nameof(To), "Dash.Error.Date");
        }

        if (!fromOk || !toOk)
        {
            return null;
        }

        var period = Period.Parse(From, To, out var error);
        if (period is null)
        {
            ShowError(nameof(To), error!);
        }

        return period;
    }
}
