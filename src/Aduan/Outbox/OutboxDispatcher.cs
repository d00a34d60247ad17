using Aduan.Data;
using Aduan.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Outbox;

/// <summary>
/// Delivers due outbox messages: claims a batch, hands each to its handler, and records the
/// outcome: delivered, retry later (exponential backoff with jitter), or dead after the last
/// attempt. Every app instance runs one; claims keep them from delivering the same message.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes, IOptions<OutboxOptions> options, TimeProvider time, OutboxSignal signal, ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    /// <summary>Names this instance in claims, so a message's row shows who holds it.</summary>
    public string Instance { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}" is var name && name.Length > 60
        ? name[^60..]
        : name;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan? wait = options.Value.PollInterval;
            try
            {
                wait = await RoundAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly away; the next round tries again. No payloads in the log.
                logger.LogWarning("Outbox round failed: {ExceptionType}", e.GetType().Name);
            }

            if (wait is { } w)
            {
                await signal.WaitAsync(w, stoppingToken);
            }
        }
    }

    /// <summary>
    /// One turn of the loop: looks when the next message is due and delivers a batch only if one is, since a claim is a
    /// write and an idle dispatcher should only read. Returns how long to wait before the next turn (the poll interval,
    /// or less when a retry falls due sooner), or null to go on at once after a full batch.
    /// </summary>
    public async Task<TimeSpan?> RoundAsync(CancellationToken ct)
    {
        var poll = options.Value.PollInterval;
        var now = time.Now();
        if (await NextDueAsync(ct) is not { } due)
        {
            return poll;
        }

        if (due > now)
        {
            return due - now < poll ? due - now : poll;
        }

        return await DispatchDueAsync(ct) >= options.Value.BatchSize ? null : poll;
    }

    /// <summary>
    /// When the next message may be claimed (a pending one whose claim, if any, has run out), or null when none is
    /// waiting: one read over the claim's index (<c>Status, NextAttemptAt</c>).
    /// </summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        var now = time.Now();
        return await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.NextAttemptAt).Select(m => (DateTimeOffset?)m.NextAttemptAt).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// One round: claims up to a batch of due messages and delivers them one by one. Before each delivery a read
    /// checks that the message is still this instance's and still wanted (an admin may have discarded it), and the
    /// claims (those delivered but not yet written too) are renewed together when less than a delivery's timeout is
    /// left of them. Outcomes are written together, in one transaction: before a delivery once the first unwritten
    /// one is <see cref="RecordEvery"/> old, and at the round's end. So an outcome waits at most that, or the one
    /// delivery that follows it. On SQLite every write waits for the one writer: a write or two per message made
    /// intake wait behind the dispatcher.
    /// </summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        var o = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        var now = time.Now();
        var lockedUntil = now + o.Lease;
        var ids = await OutboxClaims.ClaimAsync(db, Instance, now, lockedUntil, o.BatchSize, ct);
        if (ids.Count == 0)
        {
            return 0;
        }

        var handlers = scope.ServiceProvider.GetServices<IOutboxHandler>().ToDictionary(h => h.Type);
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).OrderBy(m => m.NextAttemptAt).ToListAsync(ct);
        var outcomes = new List<Outcome>();
        var handled = 0;
        try
        {
            // Shutting down leaves the unstarted claims to expire.
            for (var i = 0; i < messages.Count && !ct.IsCancellationRequested; i++)
            {
                var message = messages[i];
                if (outcomes.Count > 0 && time.Now() - outcomes[0].At >= RecordEvery)
                {
                    await RecordAsync(db, outcomes, o);
                }

                if (time.Now() + o.DeliveryTimeout + RecordEvery >= lockedUntil)
                {
                    lockedUntil = time.Now() + o.Lease;
                    List<long> held = [.. outcomes.Select(x => x.Message.Id), .. messages.Skip(i).Select(m => m.Id)];
                    await db.OutboxMessages.Where(m => held.Contains(m.Id) && m.LockedBy == Instance && m.Status == OutboxStatus.Pending)
                        .ExecuteUpdateAsync(u => u.SetProperty(m => m.LockedUntil, lockedUntil), ct);
                }

                if (!await StillOursAsync(db, message.Id, ct))
                {
                    continue; // no longer ours or no longer wanted
                }

                var result = handlers.TryGetValue(message.Type, out var handler)
                    ? await DeliverAsync(handler, message, logger, ct)
                    : new DeliveryResult(DeliveryOutcome.Refused, $"No handler for type '{message.Type}'.");
                if (result is null)
                {
                    break; // cancelled mid-delivery: the outcome is unknown, so the claim expires and it is tried again
                }

                outcomes.Add(new Outcome(message, result, time.Now()));
                handled++;
            }
        }
        catch
        {
            // The round's own error is the one reported; what was delivered is written down if the database allows.
            try
            {
                await RecordAsync(db, outcomes, o);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Outbox outcomes of a failed round not written ({ExceptionType}); they are sent again once the claims expire",
                    e.GetType().Name);
            }

            throw;
        }

        await RecordAsync(db, outcomes, o);
        return handled;
    }

    /// <summary>How long a delivered message's outcome may wait to be written with the next ones.</summary>
    public static readonly TimeSpan RecordEvery = TimeSpan.FromMilliseconds(100);

    private sealed record Outcome(OutboxMessage Message, DeliveryResult Result, DateTimeOffset At);

    private Task<bool> StillOursAsync(AduanDbContext db, long id, CancellationToken ct) =>
        db.OutboxMessages.AnyAsync(m => m.Id == id && m.LockedBy == Instance && m.Status == OutboxStatus.Pending, ct);

    /// <summary>
    /// Any failure of one delivery is that message's retry, never the round's end; null only when
    /// shutting down. An unexpected exception is logged for the operator; the message records only
    /// that it failed (the admin API shows it, and an exception's text can describe the network).
    /// </summary>
    private static async Task<DeliveryResult?> DeliverAsync(IOutboxHandler handler, OutboxMessage message, ILogger logger, CancellationToken ct)
    {
        try
        {
            return await handler.DeliverAsync(message, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Outbox message {Id} ({Type}) failed", message.Id, message.Type);
            return new DeliveryResult(DeliveryOutcome.Retry, "Delivery failed.");
        }
    }

    /// <summary>
    /// Writes the gathered outcomes in one transaction and empties the list. Each is written only while the
    /// message is still this instance's claim. Not cancellable: what was delivered must be written down, even
    /// during shutdown.
    /// </summary>
    private async Task RecordAsync(AduanDbContext db, List<Outcome> outcomes, OutboxOptions o)
    {
        if (outcomes.Count == 0)
        {
            return;
        }

        var dead = new List<OutboxMessage>();
        await using (var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None))
        {
            foreach (var (message, result, at) in outcomes)
            {
                var attempts = message.Attempts + 1;
                var (status, next) = result.Outcome switch
                {
                    DeliveryOutcome.Delivered => (OutboxStatus.Delivered, message.NextAttemptAt),
                    DeliveryOutcome.Retry when attempts < o.MaxAttempts => (OutboxStatus.Pending, at + Backoff(attempts, o)),
                    _ => (OutboxStatus.Dead, message.NextAttemptAt),
                };
                var error = result.Error is { Length: > 500 } e ? e[..500] : result.Error;
                DateTimeOffset? deliveredAt = status == OutboxStatus.Delivered ? at : null;
                var written = await db.OutboxMessages.Where(m => m.Id == message.Id && m.LockedBy == Instance && m.Status == OutboxStatus.Pending)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.Status, status)
                        .SetProperty(m => m.Attempts, attempts)
                        .SetProperty(m => m.NextAttemptAt, next)
                        .SetProperty(m => m.LastError, error)
                        .SetProperty(m => m.DeliveredAt, deliveredAt)
                        .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                        .SetProperty(m => m.LockedBy, (string?)null), CancellationToken.None);
                if (written == 1 && status == OutboxStatus.Dead)
                {
                    dead.Add(message);
                }
            }

            await transaction.CommitAsync(CancellationToken.None);
        }

        outcomes.Clear();
        foreach (var message in dead)
        {
            logger.LogWarning("Outbox message {Id} ({Type}) is dead after {Attempts} attempts", message.Id, message.Type, message.Attempts + 1);
        }
    }

    /// <summary>Base × 2^(attempts−1), capped, ±20% jitter so retries from many messages spread out.</summary>
    public static TimeSpan Backoff(int attempts, OutboxOptions o)
    {
        var exponential = o.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 30));
        var capped = Math.Min(exponential, o.MaxDelay.TotalMilliseconds);
#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
        return TimeSpan.FromMilliseconds(capped * (0.8 + (0.4 * Random.Shared.NextDouble())));
#pragma warning restore CA5394
    }
}
