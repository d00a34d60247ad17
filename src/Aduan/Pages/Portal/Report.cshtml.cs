using Aduan.Complaints;
using Aduan.Data;
using Aduan.Transparency;
using Aduan.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Pages.Portal;

/// <summary>
/// One published report (/laporan/{code}) with its public timeline and follow-up photos. A report
/// that is not published (Confidential, not verified yet, archived) is "not found", like a wrong code.
/// No reporter is shown, except the name of one who chose to be named on a public report.
/// </summary>
public sealed class ReportModel(PublicRegister register, AduanDbContext db, ComplaintWorkflow workflow,
    ComplaintPresenter presenter, IOptions<MapOptions> map) : PortalPageModel
{
    public sealed record Photo(string PublicId, int Width, int Height);

    public RegisterItem Report { get; private set; } = null!;
    public string Text { get; private set; } = "";
    public string? Address { get; private set; }
    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];
    public MapOptions Map => map.Value;
    public ILookup<int, Photo> Photos { get; private set; } = Enumerable.Empty<Photo>().ToLookup(p => 0);

    public async Task<IActionResult> OnGetAsync(string trackingCode, CancellationToken ct)
    {
        if (!TrackingCode.TryNormalize(trackingCode, out var code))
        {
            return NotFound();
        }

        var c = await register.Published().Where(c => c.TrackingCode == code)
            .Select(c => new { c.Id, c.Text, c.Location.Address, Row = new PublicRegister.Row(c.TrackingCode, c.Title, c.Text, c.Status,
                c.CategoryId, c.LeadAgencyId, c.Location.Kecamatan, c.SubmittedAt, c.Location.Latitude, c.Location.Longitude,
                c.NamePublished && c.Privacy == PrivacyMode.Public ? c.Reporter.Name : null) })
            .SingleOrDefaultAsync(ct);
        if (c is null)
        {
            return NotFound();
        }

        Report = (await register.ToItemsAsync([c.Row], ct))[0];
        Text = PersonalDataMask.Apply(c.Text) ?? "";
        Address = PersonalDataMask.Apply(c.Address);
        var events = await workflow.EventsAsync(c.Id, [EventVisibility.Public], ct);
        Timeline = await presenter.TimelineAsync(events, forStaff: false, e => PersonalDataMask.Apply(e.Text), ct);
        Photos = (await db.Attachments.AsNoTracking().Where(a => a.ComplaintId == c.Id && a.Visibility == EventVisibility.Public)
            .OrderBy(a => a.Id).Select(a => new { a.EventSequence, a.PublicId, a.Width, a.Height }).ToListAsync(ct))
            .ToLookup(a => a.EventSequence, a => new Photo(a.PublicId, a.Width, a.Height));
        return Page();
    }
}
