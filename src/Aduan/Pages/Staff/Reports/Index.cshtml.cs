using Aduan.Agencies;
using Aduan.Categories;
using Aduan.Complaints;
using Aduan.Escalations;
using Aduan.Supervision;
using Aduan.Web;
using Microsoft.AspNetCore.Mvc;

namespace Aduan.Pages.Staff.Reports;

/// <summary>Every report this user may see, with the filters and sorts of the staff API; a manager takes imported reports over here.</summary>
public sealed class IndexModel(StaffComplaintList list, AgencyDirectory agencies, CategoryCatalog categories, TimeProvider time) : StaffPageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Agency { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Channel { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Imported { get; set; }
    [BindProperty(SupportsGet = true)] public string? Flag { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    // FromQuery, not BindProperty: the route value "page" (this page's own path) would win over ?page=.
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    /// <summary>The filters behind the dashboard's figures (dates, open, age, kecamatan, origin, ...); empty when none is given.</summary>
    [BindProperty(SupportsGet = true)] public FigureFilter? Figures { get; set; }

    public PagedList<StaffComplaintListItem>? Result { get; private set; }
    public IReadOnlyList<AgencyDirectory.Entry> AgencyList { get; private set; } = [];
    public IReadOnlyList<Category> CategoryList { get; private set; } = [];
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The take-over form shows for a manager looking at imported reports (<c>imported=true</c> or the form's <c>asal=impor</c>).</summary>
    public bool ShowTakeOver => (Imported == true || Figures?.Asal == FigureFilter.Imported) && ImportTakeOver.MayTakeOver(Staff) && Result is { Items.Count: > 0 };

    public string? SelectForm => ShowTakeOver ? "takeover" : null;

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        AgencyList = (await agencies.GetAsync(ct)).Values.OrderBy(a => a.Name).ToList();
        CategoryList = (await categories.GetAsync(ct)).Values.OrderBy(c => c.Name).ToList();
        var v = NewValidation();
        Figures = Figures is null ? new FigureFilter() : FigureFilters.Trimmed(Figures);
        Result = await list.FindAsync(Staff, Filters(PageNumber), Figures, v, ct);
        ShowErrors(v, "");
    }

    /// <summary>
    /// Takes over the ticked reports, or every open imported report the filters match (up to
    /// <see cref="ImportTakeOver.MaxPerRequest"/>), after the manager confirmed.
    /// </summary>
    public async Task<IActionResult> OnPostTakeOverAsync(string? scope, bool confirm, string[]? codes, [FromServices] ImportTakeOver takeOver)
    {
        if (!ImportTakeOver.MayTakeOver(Staff))
        {
            return Forbid();
        }

        var ct = HttpContext.RequestAborted;
        if (!confirm)
        {
            ModelState.AddModelError("confirm", T["TakeOver.NeedConfirm"]);
            await OnGetAsync();
            return Page();
        }

        var chosen = scope == "all" ? await FilteredCodesAsync(ct) : codes ?? [];
        var taken = chosen.Count == 0 ? 0 : await takeOver.TakeOverAsync(Staff, chosen, ct);
        Flash = taken == 0 ? T["TakeOver.NoneChosen"] : T["TakeOver.Done", taken];
        return RedirectToPage(new { Status, Agency, Category, Channel, Overdue, Imported, Flag, Q, Sort });
    }

    /// <summary>The codes of the open imported reports the filters match, through the list itself (same scoping, same filters).</summary>
    private async Task<IReadOnlyCollection<string>> FilteredCodesAsync(CancellationToken ct)
    {
        // Closed reports cannot be taken over: unless a state is chosen, only the open states are read.
        var open = string.Join(',', Enum.GetValues<ComplaintStatus>().Where(s => !ComplaintStateMachine.IsClosed(s)));
        var codes = new List<string>();
        for (var page = 1; codes.Count < ImportTakeOver.MaxPerRequest; page++)
        {
            var query = Filters(page) with { Imported = true, Status = Empty(Status) ?? open, PageSize = StaffComplaintList.MaxPageSize };
            var found = await list.FindAsync(Staff, query, NewValidation(), ct);
            codes.AddRange(found?.Items.Select(i => i.TrackingCode) ?? []);
            if (found is null || page >= found.TotalPages)
            {
                break;
            }
        }

        return codes;
    }

    private StaffListQuery Filters(int? page) => new(Empty(Status), Empty(Agency), Empty(Category), Empty(Channel), Overdue,
        Flagged: null, Empty(Q), Empty(Sort), page, Imported: Imported, Flag: Empty(Flag));

    private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
