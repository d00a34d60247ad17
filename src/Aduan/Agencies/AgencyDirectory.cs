using Aduan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Aduan.Agencies;

/// <summary>Agency codes and names by id, cached briefly: views name agencies on every timeline entry and clock.</summary>
public sealed class AgencyDirectory(AduanDbContext db, IMemoryCache cache)
{
    private const string CacheKey = "agencies:by-id";

    public sealed record Entry(long Id, string Code, string Name, string ShortName);

    public async Task<IReadOnlyDictionary<long, Entry>> GetAsync(CancellationToken ct) =>
        (await cache.GetOrCreateAsync(CacheKey, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return (IReadOnlyDictionary<long, Entry>)await db.Agencies.AsNoTracking()
                .ToDictionaryAsync(a => a.Id, a => new Entry(a.Id, a.Code, a.Name, a.ShortName), ct);
        }))!;

    public void Invalidate() => cache.Remove(CacheKey);
}
