using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Aduan.Statistics;

/// <summary>The statistics' own bounded cache (not the app's shared one): by kind of number and period.</summary>
public sealed class StatisticsCache(IOptions<StatisticsOptions> options) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = options.Value.CacheEntries });

    public async Task<T> GetAsync<T>(string kind, Period period, Func<Task<T>> count)
    {
        var duration = options.Value.CacheDuration;
        if (duration <= TimeSpan.Zero)
        {
            return await count();
        }

        var key = (kind, period.From, period.To);
        if (_cache.TryGetValue(key, out T? hit))
        {
            return hit!;
        }

        var value = await count();
        _cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = duration });
        return value;
    }

    public void Dispose() => _cache.Dispose();
}
