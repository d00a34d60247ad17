using Aduan.Complaints;
using Aduan.Data;
using Aduan.Following;
using Aduan.Infrastructure;
using Aduan.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Privacy;

/// <summary>
/// Erases the reporter's contact details once a report has been closed for
/// <see cref="PrivacyOptions.ContactRetention"/> (a report reopened meanwhile starts again when it
/// closes again). The report, its public history and the statistics stay. One instance at a time;
/// reads closed reports through the (ContactErasedAt, ClosedAt) index, a batch per pass. Followers
/// go too: those of reports closed as long, and those who never confirmed.
/// </summary>
public sealed class ContactRetentionSweep(IServiceScopeFactory scopes, IOptions<PrivacyOptions> options,
    IOptions<SweepOptions> sweep, ILogger<ContactRetentionSweep> logger) : BackgroundService
{
    public const string LockName = "contact-retention";
    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!sweep.Value.Enabled)
        {
            return;
        }

        await Repeating.EveryAsync(options.Value.SweepInterval, TimeProvider.System, async ct =>
        {
            while (await RunOnceAsync(ct) is Batch)
            {
                // a full batch: there may be more
            }
        }, logger, "Contact retention sweep", stoppingToken);
    }

    /// <summary>One batch; how many reports it looked at, or null when another instance holds the lock.</summary>
    public async Task<int?> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        await using var held = await sp.GetRequiredService<SingletonLock>().TryAcquireAsync(LockName, ct);
        if (held is null)
        {
            return null;
        }

        var cutoff = sp.GetRequiredService<TimeProvider>().Now() - options.Value.ContactRetention;
        var due = await sp.GetRequiredService<AduanDbContext>().Complaints.AsNoTracking()
            .Where(c => c.ContactErasedAt == null && c.ClosedAt != null && c.ClosedAt < cutoff)
            .OrderBy(c => c.ClosedAt).Select(c => c.Id).Take(Batch).ToListAsync(ct);
        var erased = await sp.GetRequiredService<ContactErasure>().EraseAsync(due, Actor.System, ContactErasureReason.Retention, ct);
        if (erased.Count > 0)
        {
            logger.LogInformation("Erased the contact details of {Count} reports closed before {Cutoff:O}", erased.Count, cutoff);
        }

        var followers = await SweepFollowersAsync(sp, cutoff, ct);
        if (followers > 0)
        {
            logger.LogInformation("Deleted {Count} followers: unconfirmed in time, or of reports closed before {Cutoff:O}", followers, cutoff);
        }

        return due.Count;
    }

    /// <summary>Followers never confirmed, and those of reports closed as long as a reporter's contact is kept after.</summary>
    private static async Task<int> SweepFollowersAsync(IServiceProvider sp, DateTimeOffset closedBefore, CancellationToken ct)
    {
        var db = sp.GetRequiredService<AduanDbContext>();
        var unconfirmedBefore = sp.GetRequiredService<TimeProvider>().Now() - sp.GetRequiredService<IOptions<FollowingOptions>>().Value.ConfirmWithin;
        return await db.ReportFollowers
            .Where(f => (f.ConfirmedAt == null && f.CreatedAt < unconfirmedBefore)
                || db.Complaints.Any(c => c.Id == f.ComplaintId && c.ClosedAt != null && c.ClosedAt < closedBefore))
            .ExecuteDeleteAsync(ct);
    }
}
