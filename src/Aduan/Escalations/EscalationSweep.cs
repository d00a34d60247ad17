using Aduan.Complaints;
using Aduan.Data;
using Aduan.Infrastructure;
using Aduan.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Escalations;

/// <summary>
/// Takes the escalation steps that have come due: each clock's next step (planned on the clock) and
/// the Ombudsman flag, read through indexes of the due rows only, a batch at a time. Each step is its
/// own unit of work: the step's staff event on the report's chain, the <see cref="Escalation"/> row
/// (unique per clock and step) and its messages in the outbox are saved together or not at all. When
/// another instance took the same step first, the unique key or the report's concurrency token
/// refuses this one and it moves on: exactly once, also with several instances and without the lock,
/// which only saves them the duplicate work.
/// </summary>
public sealed class EscalationSweep(IServiceScopeFactory scopes, TimeProvider time, IOptions<EscalationOptions> options,
    ILogger<EscalationSweep> logger) : BackgroundService
{
    public const string LockName = "escalation-sweep";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        await Repeating.EveryAsync(options.Value.Interval, TimeProvider.System, async ct =>
        {
            await using var scope = scopes.CreateAsyncScope();
            await using var held = await scope.ServiceProvider.GetRequiredService<SingletonLock>().TryAcquireAsync(LockName, ct);
            if (held is not null)
            {
                await RunOnceAsync(ct);
            }
        }, logger, "Escalation sweep", stoppingToken);
    }

    /// <summary>One pass over the steps due now (at most a batch of clock steps and a batch of flags); returns how many it took.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = time.Now();
        var batch = options.Value.Batch;
        List<DueStep> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
            due = await DueClockSteps(db, now).Take(batch).ToListAsync(ct);
            due.AddRange(await DueOmbudsmanFlags(db, now).Take(batch).ToListAsync(ct));
        }

        var taken = 0;
        foreach (var step in due)
        {
            if (await TryTakeAsync(step, ct))
            {
                taken++;
            }
        }

        return taken;
    }

    /// <summary>Running clocks whose next step has come, earliest first (the filtered index on NextStepAt).</summary>
    public static IQueryable<DueStep> DueClockSteps(AduanDbContext db, DateTimeOffset now) => db.SlaClocks.AsNoTracking()
        .Where(k => k.StoppedAt == null && k.NextStepAt <= now)
        .OrderBy(k => k.NextStepAt)
        .Select(k => new DueStep(k.ComplaintId, k.Id));

    /// <summary>Open, unflagged reports whose Ombudsman instant has come (the index holds open unflagged reports only).</summary>
    public static IQueryable<DueStep> DueOmbudsmanFlags(AduanDbContext db, DateTimeOffset now) => db.Complaints.AsNoTracking()
        .Where(c => c.OmbudsmanFlaggedAt == null && c.ClosedAt == null && c.OmbudsmanDueAt <= now)
        .OrderBy(c => c.OmbudsmanDueAt)
        .Select(c => new DueStep(c.Id, null));

    private async Task<bool> TryTakeAsync(DueStep due, CancellationToken ct)
    {
        // A scope per step: one failure (a concurrent change, a subscriber's error) does not stop the others.
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        try
        {
            var complaint = await sp.GetRequiredService<ComplaintWorkflow>().ForChange().SingleAsync(c => c.Id == due.ComplaintId, ct);
            var sla = await sp.GetRequiredService<SlaPolicyProvider>().GetAsync(ct);
            var now = time.Now();
            var clock = due.ClockId is { } clockId ? complaint.Clocks.FirstOrDefault(k => k.Id == clockId) : null;
            EscalationStep? step = due.ClockId is null
                ? complaint.FlagForOmbudsmanIfDue(now) ? EscalationStep.Ombudsman : null
                : complaint.Escalate(clock, now, sla);
            if (step is not { } taken)
            {
                return false; // met, stopped or taken meanwhile
            }

            var db = sp.GetRequiredService<AduanDbContext>();
            db.Escalations.Add(new Escalation(complaint.Id, due.ClockId, taken, now));
            await sp.GetRequiredService<EscalationNotifier>().QueueAsync(complaint, clock, taken, sla, now, ct);
            var changes = sp.GetRequiredService<ComplaintChanges>();
            await changes.PublishAsync(complaint, now, ct);
            await db.SaveChangesAsync(ct);
            changes.AfterSave();
            return true;
        }
        catch (DbUpdateException)
        {
            // The step's key, the report's version or its next event number was taken: another instance did it.
            logger.LogDebug("Escalation of report {ComplaintId} (clock {ClockId}) was taken by another writer", due.ComplaintId, due.ClockId);
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing of this step was saved; the next pass tries it again.
            logger.LogWarning(e, "Escalation of report {ComplaintId} (clock {ClockId}) failed", due.ComplaintId, due.ClockId);
            return false;
        }
    }
}

/// <summary>A step to take: a clock's next step, or the report's Ombudsman flag when <see cref="ClockId"/> is null.</summary>
public sealed record DueStep(long ComplaintId, long? ClockId);
