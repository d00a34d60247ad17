using Aduan.Complaints;
using Aduan.Data;
using Aduan.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Sla;

/// <summary>
/// Closes what waits on a reporter who did not answer in time (DESIGN.md deadlines): a followed-up
/// report with no reply in the reply window is resolved, a deferred report with no answer is
/// archived. Through the state machine, as the System actor; one instance at a time. It also
/// removes expired Idempotency-Keys (and the reporter keys kept with them).
/// </summary>
public sealed class DeadlineSweep(IServiceScopeFactory scopes, IOptions<SweepOptions> options, ILogger<DeadlineSweep> logger) : BackgroundService
{
    public const string LockName = "deadline-sweep";
    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        await Repeating.EveryAsync(options.Value.Interval, TimeProvider.System, RunOnceAsync, logger, "Deadline sweep", stoppingToken);
    }

    /// <summary>One pass; returns how many reports it closed, or null when another instance holds the lock.</summary>
    public async Task<int?> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        await using var held = await sp.GetRequiredService<SingletonLock>().TryAcquireAsync(LockName, ct);
        if (held is null)
        {
            return null;
        }

        await sp.GetRequiredService<IntakeStore>().RemoveExpiredKeysAsync(ct);
        var db = sp.GetRequiredService<AduanDbContext>();
        var now = sp.GetRequiredService<TimeProvider>().Now();
        var due = await db.SlaClocks.AsNoTracking()
            .Where(k => k.StoppedAt == null && k.DueAt < now && (k.Kind == SlaClockKind.ReporterReply || k.Kind == SlaClockKind.DeferralAnswer))
            .OrderBy(k => k.DueAt).Select(k => k.ComplaintId).Take(Batch).ToListAsync(ct);
        var closed = 0;
        foreach (var id in due)
        {
            // A scope per report: one failure (say, a concurrent change) does not stop the others.
            await using var each = scopes.CreateAsyncScope();
            var workflow = each.ServiceProvider.GetRequiredService<ComplaintWorkflow>();
            var complaint = await workflow.ForChange().SingleAsync(c => c.Id == id, ct);
            ComplaintCommand? command = complaint.Status switch
            {
                ComplaintStatus.FollowedUp => new ResolveCommand(),
                ComplaintStatus.Deferred => new ArchiveCommand("Tidak ada jawaban pelapor dalam batas waktu."),
                _ => null,
            };
            if (command is null)
            {
                continue;
            }

            try
            {
                await workflow.ApplyAsync(complaint, command, Actor.System, ct);
                closed++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone acted on it just now; the next pass sees its new state.
            }
        }

        return closed;
    }
}
