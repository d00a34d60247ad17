using Aduan.Complaints;
using Aduan.Data;
using Aduan.Infrastructure;
using Aduan.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Privacy;

/// <summary>
/// Erases the reporter's contact details once a report has been closed for
/// <see cref="PrivacyOptions.ContactRetention"/> (a report reopened meanwhile starts again when it
/// closes again). The report, its public history and the statistics stay. One instance at a time;
/// reads closed reports through the (ContactErasedAt, ClosedAt) index, a batch per pass.
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

        return due.Count;
    }
}
