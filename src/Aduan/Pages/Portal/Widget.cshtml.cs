using Aduan.Transparency;
using Aduan.Web;
using Microsoft.AspNetCore.Mvc;

namespace Aduan.Pages.Portal;

/// <summary>
/// The widget an agency frames on its own website (/instansi/{code}/widget): its latest follow-ups,
/// each linking to the report here. A bare page of its own, allowed in frames (see TransparencySetup).
/// </summary>
public sealed class WidgetModel(AgencyFollowUps followUps) : PortalPageModel
{
    public const int Count = 10;

    public string AgencyCode { get; private set; } = "";
    public string AgencyName { get; private set; } = "";
    public IReadOnlyList<PublishedFollowUp> FollowUps { get; private set; } = [];
    public string Site { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string agencyCode, CancellationToken ct)
    {
        if (await followUps.FindAgencyAsync(agencyCode, ct) is not { } agency)
        {
            return NotFound();
        }

        (AgencyCode, AgencyName, Site) = (agency.Code, agency.Name, AgencyFeeds.Cacheable(HttpContext));
        FollowUps = (await followUps.LatestAsync(agency.Id, ct)).Take(Count).ToList();
        return Page();
    }
}
