using Aduan.Agencies;
using Aduan.Categories;
using Aduan.Complaints;
using Aduan.Supervision;
using Aduan.Web;
using Microsoft.AspNetCore.Mvc;

namespace Aduan.Pages.Staff.Reports;

/// <summary>Every report this user may see, with the filters and sorts of the staff API.</summary>
public sealed class IndexModel(StaffComplaintList list, AgencyDirectory agencies, CategoryCatalog categories, TimeProvider time) : StaffPageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Agency { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Channel { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Overdue { get; set; }
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

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        AgencyList = (await agencies.GetAsync(ct)).Values.OrderBy(a => a.Name).ToList();
        CategoryList = (await categories.GetAsync(ct)).Values.OrderBy(c => c.Name).ToList();
        var v = NewValidation();
        Figures = Figures is null ? new FigureFilter() : FigureFilters.Trimmed(Figures);
        Result = await list.FindAsync(Staff, new StaffListQuery(Empty(Status), Empty(Agency), Empty(Category), Empty(Channel), Overdue,
            Flagged: null, Empty(Q), Empty(Sort), PageNumber), Figures, v, ct);
        ShowErrors(v, "");
    }

    private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
