using Aduan.Complaints;
using Aduan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Aduan.Agencies;

/// <summary>
/// Agency codes and names by id, cached briefly: views name agencies on every timeline entry and
/// clock, and intake checks every kecamatan against the kecamatan offices.
/// </summary>
public sealed class AgencyDirectory(AduanDbContext db, IMemoryCache cache, PublicViewCache views)
{
    private const string CacheKey = "agencies:by-id";

    public sealed record Entry(long Id, string Code, string Name, string ShortName, string Kind, bool IsActive,
        double? Latitude = null, double? Longitude = null)
    {
        /// <summary>A kecamatan office's kecamatan, without the word "Kecamatan".</summary>
        public string KecamatanName => Name.StartsWith("Kecamatan ", StringComparison.Ordinal) ? Name["Kecamatan ".Length..] : Name;
    }

    /// <summary>A kecamatan and its approximate centre (see <see cref="Agency.Latitude"/>).</summary>
    public sealed record KecamatanCentre(string Name, double Latitude, double Longitude);

    public async Task<IReadOnlyDictionary<long, Entry>> GetAsync(CancellationToken ct) =>
        (await cache.GetOrCreateAsync(CacheKey, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return (IReadOnlyDictionary<long, Entry>)await db.Agencies.AsNoTracking()
                .ToDictionaryAsync(a => a.Id, a => new Entry(a.Id, a.Code, a.Name, a.ShortName, a.Kind, a.IsActive, a.Latitude, a.Longitude), ct);
        }))!;

    /// <summary>The city's kecamatan, named without the word "Kecamatan": its active agencies of kind "kecamatan".</summary>
    public async Task<IReadOnlyList<string>> KecamatanNamesAsync(CancellationToken ct) =>
        (await GetAsync(ct)).Values.Where(a => a.Kind == "kecamatan" && a.IsActive)
            .Select(a => a.KecamatanName).Order(StringComparer.Ordinal).ToList();

    /// <summary>The active kecamatan that have a centre, by name: what the report form's "use my location" and intake compare a pin with.</summary>
    public async Task<IReadOnlyList<KecamatanCentre>> KecamatanCentresAsync(CancellationToken ct) =>
        (await GetAsync(ct)).Values.Where(a => a.Kind == "kecamatan" && a.IsActive && a.Latitude is not null && a.Longitude is not null)
            .Select(a => new KecamatanCentre(a.KecamatanName, a.Latitude!.Value, a.Longitude!.Value))
            .OrderBy(k => k.Name, StringComparer.Ordinal).ToList();

    /// <summary>
    /// The kecamatan whose centre is nearest the point, within <paramref name="maxKm"/>; null when none
    /// is that near (a pin outside the city). The nearest centre, not the boundary: near a border it may
    /// name the neighbour, which staff can correct.
    /// </summary>
    public async Task<string?> NearestKecamatanAsync(double lat, double lng, CancellationToken ct, double maxKm = MaxKecamatanKm) =>
        (await KecamatanCentresAsync(ct)).Select(k => (k.Name, Km: Km(lat, lng, k.Latitude, k.Longitude)))
            .Where(k => k.Km <= maxKm).OrderBy(k => k.Km).Select(k => k.Name).FirstOrDefault();

    /// <summary>How far from the nearest centre a pin may be and still count as in the city: a kecamatan is a few km across.</summary>
    public const double MaxKecamatanKm = 6;

    /// <summary>Distance on a flat map scaled by latitude: exact enough across a city.</summary>
    private static double Km(double lat1, double lng1, double lat2, double lng2)
    {
        var x = (lng2 - lng1) * Math.Cos((lat1 + lat2) / 2 * Math.PI / 180);
        var y = lat2 - lat1;
        return Math.Sqrt((x * x) + (y * y)) * 111.32;
    }

    /// <summary>After a change: read again on next use, and the public views that name them built again.</summary>
    public void Invalidate()
    {
        cache.Remove(CacheKey);
        views.Clear();
    }
}
