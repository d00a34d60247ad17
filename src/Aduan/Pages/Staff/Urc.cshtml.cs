using Aduan.Complaints;
using Aduan.Data;
using Aduan.Identity;
using Aduan.Sla;
using Aduan.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Pages.Staff;

/// <summary>One urgent report as a field task.</summary>
public sealed record UrcTask(string TrackingCode, string Text, string? Place, ComplaintStatus Status, DateTimeOffset? OnSiteAt,
    IReadOnlyList<SlaClock> Clocks, MapLinks? Pin = null);

/// <summary>
/// The rapid-response board: the agency's urgent open reports as tasks (acknowledge, on site, done
/// with a photo), with the hour-based clocks. The steps post to the report page's actions.
/// </summary>
[Authorize(Roles = Roles.Urc + "," + Roles.AgencyHead)]
public sealed class UrcModel(AduanDbContext db, TimeProvider time, Microsoft.Extensions.Options.IOptions<SlaOptions> sla) : StaffPageModel
{
    private static readonly ComplaintStatus[] Open = [ComplaintStatus.Dispatched, ComplaintStatus.InProgress];

    public IReadOnlyList<UrcTask> Tasks { get; private set; } = [];
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>"Done" needs a photo (<see cref="SlaOptions.UrgentProofPhoto"/>).</summary>
    public bool ProofPhoto => sla.Value.UrgentProofPhoto;

    public async Task OnGetAsync()
    {
        var rows = await db.Complaints.AsNoTracking().VisibleTo(Staff)
            .Where(c => c.Priority == Priority.Urgent && Open.Contains(c.Status))
            .OrderBy(c => c.DueOrder).ThenBy(c => c.Id).Take(100)
            .Select(c => new
            {
                c.TrackingCode, c.Text, c.Location.Address, c.Location.Kecamatan, c.Location.Latitude, c.Location.Longitude, c.Status, c.OnSiteAt,
                Clocks = c.Clocks.Where(k => k.Kind == SlaClockKind.UrgentAcknowledge || k.Kind == SlaClockKind.UrgentOnSite).ToList(),
            })
            .ToListAsync(HttpContext.RequestAborted);
        Tasks = rows.Select(r => new UrcTask(r.TrackingCode, r.Text,
            string.Join(", ", new[] { r.Address, r.Kecamatan }.Where(x => !string.IsNullOrEmpty(x))), r.Status, r.OnSiteAt,
            r.Clocks.OrderByDescending(k => k.StartedAt).DistinctBy(k => k.Kind).ToList(), MapLinks.Of(r.Latitude, r.Longitude))).ToList();
    }
}
