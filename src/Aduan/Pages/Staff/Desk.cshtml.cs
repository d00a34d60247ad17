using Aduan.Complaints;
using Aduan.Identity;
using Aduan.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Aduan.Pages.Staff;

/// <summary>The verification desk: new reports, nearest verification deadline (so oldest) first.</summary>
[Authorize(Roles = Roles.Manager)]
public sealed class DeskModel(StaffComplaintList list, TimeProvider time) : StaffPageModel
{
    // FromQuery, not BindProperty: the route value "page" (this page's own path) would win over ?page=.
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public PagedList<StaffComplaintListItem> Queue { get; private set; } = null!;

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task<IActionResult> OnGetAsync()
    {
        var found = await FindAsync(PageNumber);
        if (found is null)
        {
            return RedirectToPage(); // page 1 (a "page" route value would name another page)
        }

        Queue = found;
        return Page();
    }

    /// <summary>Opens the first report still waiting: after each decision the desk moves on by itself.</summary>
    public async Task<IActionResult> OnGetNextAsync()
    {
        var items = (await FindAsync(1))?.Items ?? [];
        if (items.Count == 0)
        {
            Flash = (Flash is null ? "" : Flash + " ") + T["Desk.Cleared"];
            return RedirectToPage();
        }

        return Redirect("/staff/reports/" + items[0].TrackingCode);
    }

    private Task<PagedList<StaffComplaintListItem>?> FindAsync(int page) =>
        list.FindAsync(Staff, new StaffListQuery(Status: nameof(ComplaintStatus.Submitted), Sort: "due", Page: page), NewValidation(),
            HttpContext.RequestAborted);
}
