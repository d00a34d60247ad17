using System.Data.Common;
using System.Runtime.CompilerServices;
using Aduan.Data;
using Aduan.Outbox;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Outbox;

/// <summary>
/// A round writes little: one claim, then the outcomes of quick deliveries together in one transaction. On
/// SQLite every write waits for the one writer, so a transaction or two per message made intake wait behind
/// the dispatcher. A message an admin discards after the claim is still skipped.
/// </summary>
public sealed class DispatcherWritesTests : IDisposable
{
    private const string Type = "test.dispatcher-writes";
    private readonly DeliveryLog _log = new();
    private readonly AduanFactory _factory;

    public DispatcherWritesTests()
    {
        _factory = new AduanFactory
        {
            TestServices = s => s
                .AddSingleton<IInterceptor, CommandRecorder>()
                .AddSingleton<IInterceptor, TransactionCounter>()
                .AddSingleton(_log)
                .AddScoped<IOutboxHandler, RecordingHandler>(),
        };
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Round_OfQuickDeliveries_WritesTheirOutcomesInOneTransaction()
    {
        var dispatcher = _factory.Services.GetRequiredService<OutboxDispatcher>();
        var keys = Enumerable.Range(1, 8).Select(i => $"writes-{i}").ToList();
        await AddAsync(keys);

        var (handled, commands, transactions) = await TransactionCounter.CountAsync(async () =>
        {
            var (handled, commands) = await CommandRecorder.RecordAsync(() => dispatcher.DispatchDueAsync(CancellationToken.None));
            return (handled, commands);
        });

        Assert.Equal(8, handled);
        Assert.Equal(keys, _log.Delivered);
        Assert.Equal(1, transactions);

        // One claim and one outcome per message: no write per message to renew its claim.
        var updates = commands.Count(c => c.Text.TrimStart().StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(1 + 8, updates);
        var stored = await _factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Type == Type).ToListAsync());
        Assert.All(stored, m =>
        {
            Assert.Equal(OutboxStatus.Delivered, m.Status);
            Assert.Equal(1, m.Attempts);
            Assert.NotNull(m.DeliveredAt);
            Assert.Null(m.LockedBy);
        });
    }

    [Fact]
    public async Task MessageDiscardedAfterTheClaim_IsNotDelivered()
    {
        var dispatcher = _factory.Services.GetRequiredService<OutboxDispatcher>();
        await AddAsync(["first", "discarded", "third"]);

        // While the first is delivered, an admin discards the second (claimed with it).
        _log.OnDeliver = async key =>
        {
            if (key == "first")
            {
                await _factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.IdempotencyKey == "discarded")
                    .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, OutboxStatus.Discarded)));
            }
        };

        Assert.Equal(2, await dispatcher.DispatchDueAsync(CancellationToken.None));
        Assert.Equal(["first", "third"], _log.Delivered);
        Assert.Equal(OutboxStatus.Discarded, await _factory.WithDbAsync(db => db.OutboxMessages
            .Where(m => m.IdempotencyKey == "discarded").Select(m => m.Status).SingleAsync()));
    }

    [Fact]
    public async Task QuickOutcome_IsGathered_ThenWrittenBeforeTheDeliveryAfterASlowOne()
    {
        var dispatcher = _factory.Services.GetRequiredService<OutboxDispatcher>();
        await AddAsync(["quick", "slow", "last"]);
        var seen = new Dictionary<string, (OutboxStatus Quick, OutboxStatus Slow)>();
        _log.OnDeliver = async key =>
        {
            seen[key] = (await StatusAsync("quick"), await StatusAsync("slow"));
            if (key == "slow")
            {
                _factory.Time.Advance(TimeSpan.FromSeconds(1)); // a slow gateway
            }
        };

        Assert.Equal(3, await dispatcher.DispatchDueAsync(CancellationToken.None));

        // While "slow" is delivered, "quick" (delivered just before) waits to be written with it; both are
        // written before "last" is delivered, the first of them being older than RecordEvery by then.
        Assert.Equal((OutboxStatus.Pending, OutboxStatus.Pending), seen["slow"]);
        Assert.Equal((OutboxStatus.Delivered, OutboxStatus.Delivered), seen["last"]);
        Assert.Equal(OutboxStatus.Delivered, await StatusAsync("last"));
    }

    [Fact]
    public async Task LongRound_RenewsEveryClaimStillHeld_BeforeLessThanADeliveryIsLeft()
    {
        var dispatcher = _factory.Services.GetRequiredService<OutboxDispatcher>();
        var o = new OutboxOptions();
        await AddAsync(["first", "second", "third"]);
        var start = _factory.Time.GetUtcNow();
        DateTimeOffset? thirdHeldUntil = null;
        _log.OnDeliver = async key =>
        {
            if (key == "first")
            {
                // Less than a delivery's timeout is left of the round's claims after this one.
                _factory.Time.Advance(o.Lease - o.DeliveryTimeout);
            }
            else if (key == "second")
            {
                thirdHeldUntil = await _factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.IdempotencyKey == "third")
                    .Select(m => m.LockedUntil).SingleAsync());
            }
        };

        Assert.Equal(3, await dispatcher.DispatchDueAsync(CancellationToken.None));
        Assert.Equal(start + o.Lease - o.DeliveryTimeout + o.Lease, thirdHeldUntil);
        Assert.All(await _factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Type == Type).ToListAsync()),
            m => Assert.Equal((OutboxStatus.Delivered, (string?)null), (m.Status, m.LockedBy)));
    }

    [Fact]
    public async Task ShutdownMidRound_WritesWhatWasDelivered_AndLeavesTheRestClaimed()
    {
        var dispatcher = _factory.Services.GetRequiredService<OutboxDispatcher>();
        await AddAsync(["delivered", "interrupted", "unstarted"]);
        using var shutdown = new CancellationTokenSource();
        _log.OnDeliver = async key =>
        {
            if (key == "interrupted")
            {
                await shutdown.CancelAsync();
                throw new OperationCanceledException(shutdown.Token);
            }
        };

        Assert.Equal(1, await dispatcher.DispatchDueAsync(shutdown.Token));

        var stored = await _factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Type == Type)
            .ToDictionaryAsync(m => m.IdempotencyKey, m => (m.Status, m.LockedBy)));
        Assert.Equal((OutboxStatus.Delivered, (string?)null), stored["delivered"]);

        // Their outcome is unknown or they never started: the claims expire and they are tried again.
        Assert.Equal((OutboxStatus.Pending, dispatcher.Instance), stored["interrupted"]);
        Assert.Equal((OutboxStatus.Pending, dispatcher.Instance), stored["unstarted"]);
    }

    private Task<OutboxStatus> StatusAsync(string key) =>
        _factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.IdempotencyKey == key).Select(m => m.Status).SingleAsync());

    private Task<int> AddAsync(List<string> keys) =>
        _factory.WithDbAsync(async db =>
        {
            var due = _factory.Time.GetUtcNow() - TimeSpan.FromSeconds(keys.Count);
            for (var i = 0; i < keys.Count; i++)
            {
                // Due one after another, so the round delivers them in this order.
                db.OutboxMessages.Add(new OutboxMessage
                {
                    Type = Type,
                    IdempotencyKey = keys[i],
                    Payload = "{}",
                    CreatedAt = due,
                    NextAttemptAt = due + TimeSpan.FromSeconds(i),
                });
            }

            return await db.SaveChangesAsync();
        });

    public sealed class DeliveryLog
    {
        public List<string> Delivered { get; } = [];

        public Func<string, Task> OnDeliver { get; set; } = _ => Task.CompletedTask;
    }

    private sealed class RecordingHandler(DeliveryLog log) : IOutboxHandler
    {
        public string Type => DispatcherWritesTests.Type;

        public async Task<DeliveryResult> DeliverAsync(OutboxMessage message, CancellationToken ct)
        {
            log.Delivered.Add(message.IdempotencyKey);
            await log.OnDeliver(message.IdempotencyKey);
            return DeliveryResult.Ok;
        }
    }

    /// <summary>Counts the transactions EF Core begins within one piece of work (its async flow), as CommandRecorder records commands.</summary>
    private sealed class TransactionCounter : DbTransactionInterceptor
    {
        private static readonly AsyncLocal<StrongBox<int>?> Current = new();

        public static async Task<(T1, T2, int)> CountAsync<T1, T2>(Func<Task<(T1, T2)>> action)
        {
            var count = new StrongBox<int>();
            Current.Value = count;
            try
            {
                var (a, b) = await action();
                return (a, b, count.Value);
            }
            finally
            {
                Current.Value = null;
            }
        }

        private static void Count()
        {
            if (Current.Value is { } count)
            {
                Interlocked.Increment(ref count.Value);
            }
        }

        public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData,
            DbTransaction result, CancellationToken cancellationToken = default)
        {
            Count();
            return ValueTask.FromResult(result);
        }

        public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
        {
            Count();
            return result;
        }
    }
}
