using Aduan.Complaints;
using Aduan.Data;
using Aduan.Sla;
using Aduan.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Sla;

public sealed class DeadlineSweepTests : IDisposable
{
    private readonly AduanFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private Task<int?> SweepAsync() => _factory.Services.GetRequiredService<DeadlineSweep>().RunOnceAsync(CancellationToken.None);

    [Fact]
    public async Task Sweep_AfterTheReplyWindow_ResolvesAndAfterTheDeferralWindow_Archives()
    {
        var client = _factory.CreateClient();
        var manager = await _factory.StaffClientAsync("Manager");
        var officer = await _factory.StaffClientAsync("AgencyOfficer", "DBMSDA");
        var followedUp = await client.SubmitAsync();
        await manager.ActOkAsync(followedUp.TrackingCode, new { action = "dispatch" });
        await officer.ActOkAsync(followedUp.TrackingCode, new { action = "follow-up", text = "Selesai.", final = true });
        var deferred = await client.SubmitAsync();
        await manager.ActOkAsync(deferred.TrackingCode, new { action = "defer", question = "Di mana?" });
        var waiting = await client.SubmitAsync(); // only staff deadlines: not the sweep's business

        Assert.Equal(0, await SweepAsync()); // nothing is due yet
        _factory.Time.Advance(TimeSpan.FromDays(21)); // past 10 working days
        Assert.Equal(2, await SweepAsync());

        var resolved = await client.PublicAsync(followedUp.TrackingCode);
        Assert.Equal("Resolved", resolved.Status);
        Assert.Equal("Sistem", resolved.Timeline[^1].Actor);
        Assert.Equal("Archived", (await client.PublicAsync(deferred.TrackingCode)).Status);
        Assert.Equal("Submitted", (await client.PublicAsync(waiting.TrackingCode)).Status);
        Assert.Equal(0, await SweepAsync());
    }

    [Fact]
    public async Task Sweep_WhileAnotherInstanceHoldsTheLock_DoesNothing()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var locks = scope.ServiceProvider.GetRequiredService<SingletonLock>();
        await using var held = await locks.TryAcquireAsync(DeadlineSweep.LockName, CancellationToken.None);
        Assert.NotNull(held);

        Assert.Null(await SweepAsync());
    }

    [Fact]
    public async Task SingletonLock_IsExclusiveUntilReleased()
    {
        await using var a = _factory.Services.CreateAsyncScope();
        await using var b = _factory.Services.CreateAsyncScope();
        var name = "test-" + Guid.NewGuid();

        var first = await a.ServiceProvider.GetRequiredService<SingletonLock>().TryAcquireAsync(name, CancellationToken.None);
        var second = await b.ServiceProvider.GetRequiredService<SingletonLock>().TryAcquireAsync(name, CancellationToken.None);
        Assert.NotNull(first);
        Assert.Null(second);

        await first!.DisposeAsync();
        await using var third = await b.ServiceProvider.GetRequiredService<SingletonLock>().TryAcquireAsync(name, CancellationToken.None);
        Assert.NotNull(third);
    }
}
