using Aduan.Data;
using Aduan.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Sms;

/// <summary>
/// At start and then every <see cref="SmsOptions.RecoveryInterval"/>: processes incoming messages that
/// were stored but not processed (the process died in between, or the database failed for a moment),
/// and deletes messages about no report once <see cref="SmsOptions.UnlinkedRetention"/> has passed.
/// </summary>
public sealed class SmsRecovery(IServiceScopeFactory scopes, IOptions<SmsOptions> options, TimeProvider time, ILogger<SmsRecovery> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RecoveryEnabled)
        {
            return;
        }

        await Repeating.EveryAsync(options.Value.RecoveryInterval, time, RunOnceAsync, logger, "SMS recovery pass", stoppingToken, atStart: true);
    }

    /// <summary>One pass; returns how many messages it processed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        List<long> ids;
        var now = time.Now();
        var expired = now - options.Value.UnlinkedRetention;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
            await db.SmsMessages.Where(m => m.ComplaintId == null && m.Status != SmsStatus.Received && m.At < expired).ExecuteDeleteAsync(ct);
            ids = await db.SmsMessages
                .Where(m => m.Direction == SmsDirection.In && m.Status == SmsStatus.Received && (m.LockedUntil == null || m.LockedUntil < now))
                .OrderBy(m => m.Id).Select(m => m.Id).Take(200).ToListAsync(ct);
        }

        var done = 0;
        foreach (var id in ids)
        {
            // One scope per message: a refused reply clears its unit of work, which must not touch the next.
            await using var scope = scopes.CreateAsyncScope();
            var inbox = scope.ServiceProvider.GetRequiredService<SmsInbox>();
            await inbox.TryProcessAsync(id, ct);
            done++;
        }

        return done;
    }
}
