using Aduan.Agencies;
using Aduan.Categories;
using Aduan.Complaints;
using Aduan.Transparency;
using Aduan.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Aduan.Pages.Portal;

/// <summary>The public register (/laporan): published reports, newest first, filtered and searched; a map on request.</summary>
public sealed class RegisterModel(PublicRegister register, AgencyDirectory agencies, CategoryCatalog categories,
    IOptions<MapOptions> map) : PortalPageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Agency { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kecamatan { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    // FromQuery, not BindProperty: the route value "page" (this page's own path) would win over ?page=.
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    /// <summary>The map view (?peta=1) loads Leaflet; the list alone stays light for slow phones.</summary>
    [BindProperty(SupportsGet = true)] public string? Peta { get; set; }

    public bool ShowMap => Peta is "1" or "true";

    public PagedList<RegisterItem> Results { get; private set; } = new([], 1, PublicRegister.PageSize, 0, 0);
    public IReadOnlyList<CodeName> Agencies { get; private set; } = [];
    public IReadOnlyList<CodeName> Categories { get; private set; } = [];
    public IReadOnlyList<string> KecamatanNames { get; private set; } = [];
    public MapOptions Map => map.Value;

    public RegisterFilter Filter => new(Q, Agency, Category, Kecamatan, Status, From, To);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Results = await register.FindAsync(Filter.ToQuery(PageNumber), ct);
        Agencies = (await agencies.GetAsync(ct)).Values.Where(a => a.IsActive)
            .OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => new CodeName(a.Code, a.Name)).ToList();
        Categories = (await categories.GetAsync(ct)).Values.Where(c => c.IsActive)
            .OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => new CodeName(c.Code, c.Name)).ToList();
        KecamatanNames = await agencies.KecamatanNamesAsync(ct);
    }

    /// <summary>This page's address with the same filters and another page number or view.</summary>
    public string Link(int page, bool map = false)
    {
        var query = new Dictionary<string, string?>
        {
            ["q"] = Q, ["agency"] = Agency, ["category"] = Category, ["kecamatan"] = Kecamatan, ["status"] = Status,
            ["from"] = From, ["to"] = To, ["page"] = page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            ["peta"] = map ? "1" : null,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/laporan", query.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }

    public string MapPointsUrl() => "/api/v1/open-data/map.geojson" + Link(1)["/laporan".Length..];
}
