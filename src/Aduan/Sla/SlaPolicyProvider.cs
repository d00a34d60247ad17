using Aduan.Data;
using Aduan.Escalations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Aduan.Sla;

/// <summary>
/// Builds the <see cref="SlaPolicy"/> with the current holiday calendar. The holidays (a few dozen
/// rows a year) are cached briefly, so an admin's correction takes effect within a minute on every instance.
/// </summary>
public sealed class SlaPolicyProvider(AduanDbContext db, IOptions<SlaOptions> options, IOptions<EscalationOptions> escalation, IMemoryCache cache)
{
    private const string CacheKey = "sla:holidays";
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    public async Task<SlaPolicy> GetAsync(CancellationToken ct)
    {
        var holidays = await cache.GetOrCreateAsync(CacheKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            var dates = await db.Holidays.AsNoTracking().Select(h => h.Date).ToListAsync(ct);
            return (IReadOnlySet<DateOnly>)dates.ToHashSet();
        });
        var zone = WorkingCalendar.FindZone(options.Value.TimeZone);
        return new SlaPolicy(options.Value, new WorkingCalendar(zone, holidays!), escalation.Value);
    }

    public void Invalidate() => cache.Remove(CacheKey);
}
