using Aduan.Data;
using Aduan.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Audit;

/// <summary>
/// Once a day has closed (the city's midnight plus <see cref="AuditOptions.DayCloseMargin"/>), computes
/// its digest on top of the previous day's, writes it to the digest files and stores it. Catches up
/// every closed day not yet stored, so downtime leaves no gap; one instance at a time.
/// </summary>
public sealed class DigestPublisher(
    IServiceScopeFactory scopes, IOptions<AuditOptions> options, IOptions<AduanOptions> aduan, TimeProvider time,
    ILogger<DigestPublisher> logger) : BackgroundService
{
    public const string LockName = "audit-digest";

    public DigestFiles Files { get; } = new(options.Value.DirectoryFor(aduan.Value.DataDirectory));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.PublishDigests)
        {
            return;
        }

        // At start too: days that closed while no instance ran are published without waiting.
        await Repeating.EveryAsync(options.Value.Interval, time, RunOnceAsync, logger, "Publishing the audit digests", stoppingToken, atStart: true);
    }

    /// <summary>One pass; the digests it published, or null when another instance holds the lock.</summary>
    public async Task<IReadOnlyList<DayDigest>?> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        await using var held = await sp.GetRequiredService<SingletonLock>().TryAcquireAsync(LockName, ct);
        if (held is null)
        {
            return null;
        }

        var db = sp.GetRequiredService<AduanDbContext>();
        var digests = sp.GetRequiredService<DailyDigests>();
        var lastClosed = digests.LocalDay(time.Now() - options.Value.DayCloseMargin).AddDays(-1);
        var last = await db.AuditDigests.AsNoTracking().OrderByDescending(d => d.Day).Take(1).ToListAsync(ct);
        var (next, previous) = last.Count == 1
            ? (last[0].Day.AddDays(1), last[0].Digest)
            : (await digests.FirstDayAsync(ct) ?? DateOnly.MaxValue, DayDigest.Genesis);

        var published = new List<DayDigest>();
        for (var day = next; day <= lastClosed; day = day.AddDays(1))
        {
            var digest = await digests.ComputeAsync(day, previous, ct);

            // Files first: a crash before the row is stored publishes the same line again next time, never another.
            if (!Files.Publish(digest))
            {
                logger.LogError("The digest file of {Day} already holds another digest: the day's events changed after it was published, "
                    + "or {Directory} belongs to another database. Run audit verify --against it.", DayDigest.Iso(day), Files.Directory);
                break;
            }

            db.AuditDigests.Add(new AuditDigest { Day = day, Digest = digest.Digest, Events = digest.Events, ComputedAt = time.Now() });
            await db.SaveChangesAsync(ct);
            published.Add(digest);
            previous = digest.Digest;
            logger.LogInformation("Audit digest of {Day} published: {Events} events", DayDigest.Iso(day), digest.Events);
        }

        return published;
    }
}
