using Aduan.Data;
using Aduan.Outbox;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Outbox;

/// <summary>
/// An idle dispatcher only reads: the commands of its rounds, recorded from EF Core's diagnostics, hold no
/// write until a message is due, and a retry due sooner than the poll interval shortens the wait.
/// </summary>
public sealed class IdleDispatcherTests : IDisposable
{
    private readonly AduanFactory _factory = new() { TestServices = s => s.AddSingleton<IInterceptor, CommandRecorder>() };

    public void Dispose() => _factory.Dispose();

    /// <summary>Resolved before recording: the first use starts the host, whose seeding writes.</summary>
    private OutboxDispatcher Dispatcher => _factory.Services.GetRequiredService<OutboxDispatcher>();

    private static readonly TimeSpan Poll = new OutboxOptions().PollInterval;

    [Fact]
    public async Task Round_NothingDue_OnlyReads()
    {
        var dispatcher = Dispatcher;
        var (wait, commands) = await CommandRecorder.RecordAsync(() => dispatcher.RoundAsync(CancellationToken.None));

        Assert.Equal(Poll, wait);
        Assert.NotEmpty(commands);
        Assert.All(commands, c => Assert.StartsWith("SELECT", c.Text.TrimStart(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Round_MessageDueSoon_WaitsUntilItThenClaims()
    {
        var now = _factory.Time.GetUtcNow();
        await AddAsync("idle-soon", now + TimeSpan.FromMilliseconds(300));

        var (wait, commands) = await CommandRecorder.RecordAsync(() => Dispatcher.RoundAsync(CancellationToken.None));
        Assert.Equal(TimeSpan.FromMilliseconds(300), wait);
        Assert.All(commands, c => Assert.StartsWith("SELECT", c.Text.TrimStart(), StringComparison.OrdinalIgnoreCase));

        _factory.Time.Advance(TimeSpan.FromSeconds(1));
        var (_, due) = await CommandRecorder.RecordAsync(() => Dispatcher.RoundAsync(CancellationToken.None));
        Assert.Contains(due, c => c.Text.TrimStart().StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase));

        // No handler for the type: refused, so dead; nothing is pending any more and the next round only reads again.
        Assert.Equal(OutboxStatus.Dead, await _factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.IdempotencyKey == "idle-soon")
            .Select(m => m.Status).SingleAsync()));
        var (after, again) = await CommandRecorder.RecordAsync(() => Dispatcher.RoundAsync(CancellationToken.None));
        Assert.Equal(Poll, after);
        Assert.All(again, c => Assert.StartsWith("SELECT", c.Text.TrimStart(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task NextDue_SkipsMessagesClaimedByAnotherInstanceAndFinishedOnes()
    {
        var now = _factory.Time.GetUtcNow();
        await AddAsync("claimed", now - TimeSpan.FromMinutes(1), lockedUntil: now + TimeSpan.FromMinutes(1));
        await AddAsync("delivered", now - TimeSpan.FromMinutes(1), status: OutboxStatus.Delivered);
        Assert.Null(await Dispatcher.NextDueAsync(CancellationToken.None));

        // The other instance died: once its claim runs out the message is due again.
        _factory.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(now - TimeSpan.FromMinutes(1), await Dispatcher.NextDueAsync(CancellationToken.None));
    }

    private Task<int> AddAsync(string key, DateTimeOffset due, DateTimeOffset? lockedUntil = null, OutboxStatus status = OutboxStatus.Pending) =>
        _factory.WithDbAsync(async db =>
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                Type = "test.nobody-handles-this",
                IdempotencyKey = key,
                Payload = "{}",
                CreatedAt = due,
                NextAttemptAt = due,
                LockedUntil = lockedUntil,
                LockedBy = lockedUntil is null ? null : "another-instance",
                Status = status,
            });
            return await db.SaveChangesAsync();
        });
}
