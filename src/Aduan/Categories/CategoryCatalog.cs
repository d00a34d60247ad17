using Aduan.Complaints;
using Aduan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Aduan.Categories;

/// <summary>
/// Categories by code, cached briefly: every submitted report and every filtered list names one.
/// The instances are shared and untracked: read them, never attach them to a context.
/// </summary>
public sealed class CategoryCatalog(AduanDbContext db, IMemoryCache cache, PublicViewCache views)
{
    private const string CacheKey = "categories:by-code";

    public async Task<IReadOnlyDictionary<string, Category>> GetAsync(CancellationToken ct) =>
        (await cache.GetOrCreateAsync(CacheKey, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return (IReadOnlyDictionary<string, Category>)await db.Categories.AsNoTracking()
                .ToDictionaryAsync(c => c.Code, StringComparer.OrdinalIgnoreCase, ct);
        }))!;

    /// <summary>The category with this code (any case, surrounding spaces ignored), active or not; null if none.</summary>
    public async Task<Category?> FindAsync(string code, CancellationToken ct) =>
        (await GetAsync(ct)).GetValueOrDefault(code.Trim());

    /// <summary>The categories a new report may take, by name: what every category list offers.</summary>
    public async Task<IReadOnlyList<Category>> ActiveAsync(CancellationToken ct) =>
        (await GetAsync(ct)).Values.Where(c => c.IsActive).OrderBy(c => c.Name).ToList();

    /// <summary>After a change: read again on next use, and the public views that name them built again.</summary>
    public void Invalidate()
    {
        cache.Remove(CacheKey);
        views.Clear();
    }
}
