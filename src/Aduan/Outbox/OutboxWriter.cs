using Aduan.Data;

namespace Aduan.Outbox;

/// <summary>
/// Queues side effects in the caller's unit of work (scoped: the same DbContext, so the same
/// transaction as the change), and wakes this instance's dispatcher once that work is saved.
/// </summary>
public sealed class OutboxWriter(AduanDbContext db, OutboxSignal signal)
{
    private bool _queued;

    /// <summary>Adds a message to be delivered from <paramref name="now"/> on; nothing is sent before the caller saves.</summary>
    public void Add(string type, string idempotencyKey, long? destinationId, string payload, DateTimeOffset now)
    {
        db.OutboxMessages.Add(new OutboxMessage
        {
            Type = type,
            IdempotencyKey = idempotencyKey,
            DestinationId = destinationId,
            Payload = payload,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        _queued = true;
    }

    public void AfterSave()
    {
        if (_queued)
        {
            _queued = false;
            signal.Notify();
        }
    }
}
