using System.Globalization;
using Aduan.Identity;
using Aduan.Statistics;
using Aduan.Supervision;
using Aduan.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Aduan.Pages.Staff.Dasbor;

/// <summary>
/// One agency's scorecard for a month, made to be printed (Print / Save as PDF gives one clean A4
/// page) or downloaded as XLSX: its figures, its weekly trend, its five oldest open reports and its
/// overdue ones. An agency head sees only their own agency's.
/// </summary>
[Authorize(Roles = Roles.Leadership + "," + Roles.Manager + "," + Roles.AgencyHead)]
public sealed class InstansiModel(Scorecards scorecards) : StaffPageModel
{
    [BindProperty(SupportsGet = true)] public string? Bulan { get; set; }
    [FromQuery(Name = "format")] public string? Format { get; set; }

    public ScorecardData? Data { get; private set; }
    public IReadOnlyList<(string Label, FigureCell Value)> Figures { get; private set; } = [];
    public FigureTableView Oldest { get; private set; } = null!;
    public FigureTableView Overdue { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (SupervisionScope.For(Staff) is not { } scope)
        {
            return Forbid();
        }

        if (!scope.IsCity && !string.Equals(scope.AgencyCode, code, StringComparison.OrdinalIgnoreCase))
        {
            return Forbid();
        }

        var month = Bulan is null ? scorecards.ThisMonth() : Scorecards.Month(Bulan);
        if (month is null)
        {
            ShowError(nameof(Bulan), "Dash.Error.Month");
            month = scorecards.ThisMonth();
        }

        Bulan = month.From.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        Data = await scorecards.GetAsync(code, month, ct);
        if (Data is null)
        {
            return NotFound();
        }

        if (Format == "xlsx" && ModelState.IsValid)
        {
            return File(Scorecards.ScorecardXlsx(Data, T, CultureInfo.CurrentCulture), DashboardExport.XlsxType,
                $"rapor-{Data.Agency.Code}-{Bulan}.xlsx");
        }

        Figures = Scorecards.Figures(Data, T, CultureInfo.CurrentCulture);
        Oldest = new(Scorecards.Reports("oldest", T["Dash.Oldest"], Data.Oldest, T, CultureInfo.CurrentCulture), null, null);
        Overdue = new(Scorecards.Reports("overdue-list", T["Dash.OverdueList"], Data.Overdue, T, CultureInfo.CurrentCulture), null, null);
        return Page();
    }

    public string MonthName(Period month) => month.From.ToString("MMMM yyyy", CultureInfo.CurrentCulture);
}
