using Aduan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Aduan.Agencies;

/// <summary>
/// Agency codes and names by id, cached briefly: views name agencies on every timeline entry and
/// clock, and intake checks every kecamatan against the kecamatan offices.
/// </summary>
public sealed class AgencyDirectory(AduanDbContext db, IMemoryCache cache)
{
    private const string CacheKey = "agencies:by-id";

    public sealed record Entry(long Id, string Code, string Name, string ShortName, string Kind, bool IsActive);

    public async Task<IReadOnlyDictionary<long, Entry>> GetAsync(CancellationToken ct) =>
        (await cache.GetOrCreateAsync(CacheKey, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return (IReadOnlyDictionary<long, Entry>)await db.Agencies.AsNoTracking()
                .ToDictionaryAsync(a => a.Id, a => new Entry(a.Id, a.Code, a.Name, a.ShortName, a.Kind, a.IsActive), ct);
        }))!;

    /// <summary>The city's kecamatan, named without the word "Kecamatan": its active agencies of kind "kecamatan".</summary>
    public async Task<IReadOnlyList<string>> KecamatanNamesAsync(CancellationToken ct) =>
        (await GetAsync(ct)).Values.Where(a => a.Kind == "kecamatan" && a.IsActive)
            .Select(a => a.Name.StartsWith("Kecamatan ", StringComparison.Ordinal) ? a.Name["Kecamatan ".Length..] : a.Name)
            .Order(StringComparer.Ordinal).ToList();

    public void Invalidate() => cache.Remove(CacheKey);
}
