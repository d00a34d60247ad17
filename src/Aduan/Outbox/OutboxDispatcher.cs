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
            var handled = 0;
            try
            {
                handled = await DispatchDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly away; the next round tries again. No payloads in the log.
                logger.LogWarning("Outbox round failed: {ExceptionType}", e.GetType().Name);
            }

            if (handled < options.Value.BatchSize)
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>One round: claims up to a batch of due messages and delivers them. Returns how many it handled.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        var o = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        var now = time.Now();
        var ids = await OutboxClaims.ClaimAsync(db, Instance, now, now + o.Lease, o.BatchSize, ct);
        if (ids.Count == 0)
        {
            return 0;
        }

        var handlers = scope.ServiceProvider.GetServices<IOutboxHandler>().ToDictionary(h => h.Type);
        var messages = await db.OutboxMessages.Where(m => ids.Contains(m.Id)).ToListAsync(ct);
        foreach (var message in messages)
        {
            var result = handlers.TryGetValue(message.Type, out var handler)
                ? await DeliverAsync(handler, message, ct)
                : new DeliveryResult(DeliveryOutcome.Refused, $"No handler for type '{message.Type}'.");
            Record(message, result, time.Now(), o);
        }

        await db.SaveChangesAsync(ct);
        return messages.Count;
    }

    private static async Task<DeliveryResult> DeliverAsync(IOutboxHandler handler, OutboxMessage message, CancellationToken ct)
    {
        try
        {
            return await handler.DeliverAsync(message, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new DeliveryResult(DeliveryOutcome.Retry, e.GetType().Name + ": " + e.Message);
        }
    }

    private void Record(OutboxMessage message, DeliveryResult result, DateTimeOffset now, OutboxOptions o)
    {
        message.Attempts++;
        message.LockedUntil = null;
        message.LockedBy = null;
        message.LastError = result.Error is { Length: > 500 } error ? error[..500] : result.Error;
        switch (result.Outcome)
        {
            case DeliveryOutcome.Delivered:
                message.Status = OutboxStatus.Delivered;
                message.DeliveredAt = now;
                break;
            case DeliveryOutcome.Retry when message.Attempts < o.MaxAttempts:
                message.NextAttemptAt = now + Backoff(message.Attempts, o);
                break;
            default:
                message.Status = OutboxStatus.Dead;
                logger.LogWarning("Outbox message {Id} ({Type}) is dead after {Attempts} attempts", message.Id, message.Type, message.Attempts);
                break;
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

/// <summary>Wakes this instance's dispatcher when a change queued messages, instead of waiting for the next poll.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // already signalled
            }
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct) => await _signal.WaitAsync(timeout, ct);

    public void Dispose() => _signal.Dispose();
}
