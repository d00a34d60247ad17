using Aduan.Audit;
using Aduan.Cli;
using Aduan.Data;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Audit;

/// <summary>The publisher under the fake clock, which starts on Tuesday 2 June 2026, 10:00 WIB (03:00 UTC).</summary>
public sealed class DigestPublisherTests : IDisposable
{
    private readonly AduanFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private DigestPublisher Publisher => _factory.Services.GetRequiredService<DigestPublisher>();

    private string AllDays => Path.Combine(_factory.DataDirectory, "audit", DigestFiles.AllDays);

    private Task<IReadOnlyList<DayDigest>?> RunAsync() => Publisher.RunOnceAsync(CancellationToken.None);

    [Fact]
    public async Task Run_BeforeTheMarginAfterMidnight_PublishesNothing_AfterIt_TheClosedDay()
    {
        await _factory.CreateClient().SubmitAsync();
        _factory.Time.Advance(TimeSpan.FromHours(14) + TimeSpan.FromMinutes(5)); // Wednesday 00:05 WIB

        var early = await RunAsync();
        _factory.Time.Advance(TimeSpan.FromMinutes(5)); // 00:10 WIB: the default margin has passed
        var due = await RunAsync();

        Assert.Empty(early!);
        Assert.Equal(["2026-06-02"], due!.Select(d => DayDigest.Iso(d.Day)));
        Assert.Equal(1, due![0].Events);
        Assert.Equal([due[0].Line], await File.ReadAllLinesAsync(AllDays));
        Assert.Equal(due[0].Line, (await File.ReadAllTextAsync(Path.Combine(_factory.DataDirectory, "audit", "2026-06-02.txt"))).Trim());
        var stored = await _factory.WithDbAsync(db => db.AuditDigests.AsNoTracking().SingleAsync());
        Assert.Equal((due[0].Day, due[0].Digest, 1L), (stored.Day, stored.Digest, stored.Events));
    }

    [Fact]
    public async Task Run_AfterDowntime_CatchesUpEveryClosedDayOnce_AndTheFileVerifies()
    {
        var client = _factory.CreateClient();
        await client.SubmitAsync();
        _factory.Time.Advance(TimeSpan.FromDays(1));
        await RunAsync(); // Wednesday 10:00: publishes Tuesday
        _factory.Time.Advance(TimeSpan.FromDays(1));
        await client.SubmitAsync(); // Thursday
        _factory.Time.Advance(TimeSpan.FromDays(3)); // down until Sunday 10:00

        var caughtUp = await RunAsync();
        var again = await RunAsync();

        Assert.Equal(["2026-06-03", "2026-06-04", "2026-06-05", "2026-06-06"], caughtUp!.Select(d => DayDigest.Iso(d.Day)));
        Assert.Equal([0L, 1L, 0L, 0L], caughtUp!.Select(d => d.Events));
        Assert.Empty(again!);
        var lines = await File.ReadAllLinesAsync(AllDays);
        Assert.Equal(5, lines.Length);
        Assert.Equal(caughtUp!.Select(d => d.Line), lines[1..]);
        Assert.Equal(5, await _factory.WithDbAsync(db => db.AuditDigests.CountAsync()));

        // What was published is what the events give, recomputed from the first day.
        await using var scope = _factory.Services.CreateAsyncScope();
        Assert.True(DigestCommands.TryReadPublished(AllDays, out var published, out _));
        Assert.Equal(0, await DigestCommands.VerifyAgainstAsync(scope.ServiceProvider.GetRequiredService<DailyDigests>(), published,
            TextWriter.Null, default));
    }

    [Fact]
    public async Task Run_WhileAnotherInstanceHoldsTheLock_DoesNothing()
    {
        await _factory.CreateClient().SubmitAsync();
        _factory.Time.Advance(TimeSpan.FromDays(1));
        await using var scope = _factory.Services.CreateAsyncScope();
        await using var held = await scope.ServiceProvider.GetRequiredService<SingletonLock>().TryAcquireAsync(DigestPublisher.LockName, default);
        Assert.NotNull(held);

        Assert.Null(await RunAsync());
        Assert.False(File.Exists(AllDays));
        Assert.Equal(0, await _factory.WithDbAsync(db => db.AuditDigests.CountAsync()));
    }

    [Fact]
    public async Task Run_DayFileHoldsAnotherDigest_StoresNothingAndOverwritesNothing()
    {
        await _factory.CreateClient().SubmitAsync();
        _factory.Time.Advance(TimeSpan.FromDays(1));
        var dayFile = Path.Combine(_factory.DataDirectory, "audit", "2026-06-02.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(dayFile)!);
        var other = $"2026-06-02 {new string('a', 64)} 1";
        await File.WriteAllTextAsync(dayFile, other + "\n");

        var published = await RunAsync();

        Assert.Empty(published!);
        Assert.Equal(other, (await File.ReadAllTextAsync(dayFile)).Trim());
        Assert.Equal(0, await _factory.WithDbAsync(db => db.AuditDigests.CountAsync()));
    }
}
