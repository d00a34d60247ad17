using Aduan.Agencies;
using Aduan.Complaints;
using Aduan.Transparency;
using Aduan.Web;
using Microsoft.AspNetCore.Mvc;

namespace Aduan.Pages.Portal;

/// <summary>An agency's public page (/instansi/{code}): its latest follow-ups and reports, its feeds and the widget snippet.</summary>
public sealed class AgencyModel(AgencyFollowUps followUps, PublicRegister register) : PortalPageModel
{
    public AgencyDirectory.Entry Agency { get; private set; } = null!;
    public IReadOnlyList<PublishedFollowUp> FollowUps { get; private set; } = [];
    public PagedList<RegisterItem> Reports { get; private set; } = null!;
    public string WidgetSnippet { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string agencyCode, CancellationToken ct)
    {
        if (await followUps.FindAgencyAsync(agencyCode, ct) is not { } agency)
        {
            return NotFound();
        }

        Agency = agency;
        FollowUps = await followUps.LatestAsync(agency.Id, ct);
        Reports = await register.FindAsync(new RegisterQuery(Agency: agency.Code), ct);
        WidgetSnippet = $"<iframe src=\"{AgencyFeeds.Site(HttpContext)}/instansi/{agency.Code}/widget\" title=\"{agency.Name}\" " +
            "width=\"100%\" height=\"420\" loading=\"lazy\" style=\"border:0\"></iframe>";
        return Page();
    }
}
