using Aduan.Complaints;
using Aduan.Data;
using Aduan.Identity;
using Aduan.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Pages.Staff;

/// <summary>An officer's work in the last 30 days, for the agency head.</summary>
public sealed record OfficerLoad(string Name, int Acknowledged, int FollowUps, int Forwarded);

/// <summary>
/// The agency queue: the agency's open reports (lead or copy), nearest deadline first. The head
/// also sees each officer's recent work and the overdue count.
/// </summary>
[Authorize(Roles = Roles.AgencyOfficer + "," + Roles.AgencyHead)]
public sealed class QueueModel(StaffComplaintList list, AduanDbContext db, TimeProvider time) : StaffPageModel
{
    private const string Open = "Dispatched,InProgress,FollowedUp";

    [BindProperty(SupportsGet = true)]
    public bool? Overdue { get; set; }

    // FromQuery, not BindProperty: the route value "page" (this page's own path) would win over ?page=.
    [FromQuery(Name = "page")]
    public int? PageNumber { get; set; }

    public PagedList<StaffComplaintListItem> Queue { get; private set; } = null!;
    public IReadOnlyList<OfficerLoad> Officers { get; private set; } = [];
    public int OverdueCount { get; private set; }
    public DateTimeOffset Now => time.GetUtcNow();

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var found = await list.FindAsync(Staff, new StaffListQuery(Status: Open, Overdue: Overdue == true ? true : null, Sort: "due", Page: PageNumber),
            NewValidation(), ct);
        if (found is null)
        {
            return RedirectToPage();
        }

        Queue = found;
        if (Staff.IsIn(Roles.AgencyHead) && Staff.AgencyId is { } agency)
        {
            var now = time.GetUtcNow();
            OverdueCount = await db.Complaints.VisibleTo(Staff)
                .CountAsync(c => c.LeadAgencyId == agency && c.NextDueAt < now, ct);
            var since = now.AddDays(-30);
            var work = await db.ComplaintEvents.AsNoTracking()
                .Where(e => e.ActorAgencyId == agency && e.ActorUserId != null && e.At >= since
                    && (e.Type == ComplaintEventType.Acknowledged || e.Type == ComplaintEventType.FollowUp || e.Type == ComplaintEventType.Forwarded))
                .GroupBy(e => new { e.ActorName, e.Type })
                .Select(g => new { g.Key.ActorName, g.Key.Type, Count = g.Count() })
                .ToListAsync(ct);
            Officers = work.GroupBy(w => w.ActorName).Select(g => new OfficerLoad(g.Key,
                    g.Where(x => x.Type == ComplaintEventType.Acknowledged).Sum(x => x.Count),
                    g.Where(x => x.Type == ComplaintEventType.FollowUp).Sum(x => x.Count),
                    g.Where(x => x.Type == ComplaintEventType.Forwarded).Sum(x => x.Count)))
                .OrderByDescending(o => o.Acknowledged + o.FollowUps + o.Forwarded).ToList();
        }

        return Page();
    }
}
