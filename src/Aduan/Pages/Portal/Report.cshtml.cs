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
[ServesKeptPage(typeof(Shown), "/laporan/")]
public sealed class ReportModel(PublicViewCache cache, IOptions<MapOptions> map) : PortalPageModel
{
    public sealed record Photo(string PublicId, int Width, int Height);

    /// <summary>What the page shows of the report, the same for every reader: kept (<see cref="PublicViewCache"/>).</summary>
    public sealed record Shown(RegisterItem Report, string Text, string? Address, IReadOnlyList<TimelineEntry> Timeline,
        ILookup<int, Photo> Photos) : IKeepsPage
    {
        /// <summary>The page once rendered from it, for the readers with nothing of their own on it.</summary>
        public KeptPage? Page { get; set; }
    }

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

        var services = HttpContext.RequestServices;
        if (await cache.GetAsync(code, services, token => BuildAsync(services, code, token), ct) is not { } shown)
        {
            return NotFound();
        }

        (Report, Text, Address, Timeline, Photos) = shown;
        return cache.Keeps && KeptPage.IsShared(this, "/laporan/" + code) ? new KeptPageResult(shown) : Page();
    }

    /// <summary>Asked only when no page is kept, so its services are resolved here, not for every request.</summary>
    internal static async Task<Built<Shown>> BuildAsync(IServiceProvider services, string code, CancellationToken ct)
    {
        var register = services.GetRequiredService<PublicRegister>();
        var c = await register.Published().Where(c => c.TrackingCode == code)
            .Select(c => new { c.Id, c.Text, c.Location.Address, Row = new PublicRegister.Row(c.TrackingCode, c.Title, c.Text, c.Status,
                c.CategoryId, c.LeadAgencyId, c.Location.Kecamatan, c.SubmittedAt, c.Location.Latitude, c.Location.Longitude,
                c.NamePublished && c.Privacy == PrivacyMode.Public ? c.Reporter.Name : null) })
            .SingleOrDefaultAsync(ct);
        if (c is null)
        {
            return new Built<Shown>(null, []);
        }

        var presenter = services.GetRequiredService<ComplaintPresenter>();
        var events = await services.GetRequiredService<ComplaintWorkflow>().EventsAsync(c.Id, [EventVisibility.Public], ct);
        var photos = await services.GetRequiredService<AduanDbContext>().Attachments.AsNoTracking()
            .Where(a => a.ComplaintId == c.Id && a.Visibility == EventVisibility.Public)
            .OrderBy(a => a.Id).Select(a => new { a.EventSequence, a.PublicId, a.Width, a.Height }).ToListAsync(ct);
        return new Built<Shown>(new Shown(
            (await register.ToItemsAsync([c.Row], ct))[0],
            PersonalDataMask.Apply(c.Text) ?? "",
            PersonalDataMask.Apply(c.Address),
            await presenter.TimelineAsync(events, forStaff: false, e => PersonalDataMask.Apply(e.Text), ct),
            photos.ToLookup(a => a.EventSequence, a => new Photo(a.PublicId, a.Width, a.Height))), []);
    }
}
