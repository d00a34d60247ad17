using Aduan.Agencies;
using Aduan.Categories;
using Aduan.Complaints;
using Aduan.Resources;
using Microsoft.Extensions.Localization;

namespace Aduan.Open311;

/// <summary>
/// The active categories as GeoReport v2 services (<c>service_code</c> = the category code; <c>group</c> =
/// the agency that usually handles it), and the attributes every service takes: what intake can
/// record besides the text and the place. Descriptions follow the request's language.
/// </summary>
public sealed class Open311Services(CategoryCatalog catalog, AgencyDirectory agencies, IStringLocalizer<SharedResource> t)
{
    public const string Title = "title";
    public const string Kind = "kind";
    public const string Privacy = "privacy";
    public const string Kecamatan = "kecamatan";

    public async Task<IReadOnlyList<Open311Service>> ListAsync(CancellationToken ct)
    {
        var byId = await agencies.GetAsync(ct);
        return (await catalog.ActiveAsync(ct)).OrderBy(c => c.Code, StringComparer.Ordinal).Select(c =>
        {
            var agency = c.DefaultAgencyId is { } id && byId.TryGetValue(id, out var a) ? a : null;
            var keywords = new List<string> { c.Code.ToLowerInvariant() };
            if (agency is not null)
            {
                keywords.Add(agency.ShortName);
            }

            if (c.IsEmergency)
            {
                keywords.Add(t["Open311.EmergencyKeyword"]);
            }

            return new Open311Service(c.Code, c.Name, c.IsEmergency ? t["Open311.EmergencyService"].Value : null, Metadata: true,
                string.Join(", ", keywords), agency?.Name);
        }).ToList();
    }

    /// <summary>The active category with exactly this code (any case), or null.</summary>
    public async Task<Category?> FindAsync(string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var wanted = code.Trim();
        return (await catalog.ActiveAsync(ct)).FirstOrDefault(c => string.Equals(c.Code, wanted, StringComparison.OrdinalIgnoreCase));
    }

    public async Task<IReadOnlyList<Open311Field>> AttributesAsync(CancellationToken ct)
    {
        var kecamatan = await agencies.KecamatanNamesAsync(ct);
        return
        [
            new(Title, "string", false, t["Open311.Attr.Title"], 1, t["Open311.Attr.TitleFormat", Complaint.MaxTitleLength]),
            new(Kind, "singlevaluelist", false, t["Open311.Attr.Kind"], 2,
                Values: Enum.GetValues<ComplaintKind>().Select(k => (k.ToString(), t["Kind." + k].Value)).ToList()),
            new(Privacy, "singlevaluelist", false, t["Open311.Attr.Privacy"], 3,
                Values: Enum.GetValues<PrivacyMode>().Select(p => (p.ToString(), t["Privacy." + p].Value)).ToList()),
            new(Kecamatan, "singlevaluelist", false, t["Open311.Attr.Kecamatan"], 4,
                Values: kecamatan.Select(k => (k, k)).ToList()),
        ];
    }
}
