using Aduan.Complaints;
using Aduan.Escalations;
using Aduan.Identity;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Aduan.Tests.Escalations.EscalationFixture;

namespace Aduan.Tests.Escalations;

/// <summary>
/// Each step once: sweeps racing on two threads and on two app instances over one database (SQLite
/// here, PostgreSQL when ADUAN_TEST_POSTGRES is set), and a step that fails half-way leaves nothing.
/// From Tuesday 2 June 2026, 10:00 WIB: the first-response reminder falls on Monday 8 June, 21:12.
/// </summary>
public sealed class ExactlyOnceTests : IDisposable
{
    private const int Reports = 12;
    private readonly FailingSubscriber _failing = new();
    private readonly AduanFactory _factory;

    public ExactlyOnceTests() => _factory = new AduanFactory { TestServices = s => s.AddSingleton<IComplaintSubscriber>(_failing) };

    public void Dispose() => _factory.Dispose();

    private async Task<List<string>> ReportsDueForTheReminderAsync()
    {
        var manager = await _factory.StaffClientAsync(Roles.Manager);
        await _factory.StaffAsync(Roles.AgencyOfficer, "DBMSDA", "petugas@bekasikota.go.id");
        var codes = new List<string>();
        for (var i = 0; i < Reports; i++)
        {
            codes.Add(await _factory.DispatchedAsync(manager));
        }

        _factory.Time.SetUtcNow(At(6, 9, 12));
        return codes;
    }

    private async Task AssertEachReminderOnceAsync(List<string> codes)
    {
        var steps = await _factory.StepsAsync();
        Assert.Equal(codes.Order(), steps.Select(s => s.Code).Order());
        Assert.All(steps, s => Assert.Equal(("Response", EscalationStep.Reminder), (s.Clock, s.Kind)));
        Assert.Equal(codes.Count, await _factory.EscalatedEventsAsync());
        var sent = await _factory.SentAsync();
        Assert.Equal(codes.Count, sent.Count); // one officer, one e-mail per report
        Assert.Equal(codes.Count, sent.Select(m => m.Subject).Distinct().Count());
    }

    [Fact]
    public async Task Sweep_TwoAtOnceOnTwoThreads_TakeEachStepOnce()
    {
        var codes = await ReportsDueForTheReminderAsync();
        var sweep = _factory.Services.GetRequiredService<EscalationSweep>();

        var taken = await Task.WhenAll(
            Task.Run(() => sweep.RunOnceAsync(CancellationToken.None)),
            Task.Run(() => sweep.RunOnceAsync(CancellationToken.None)));
        var after = await _factory.SweepAsync(); // a step refused by a busy database is taken now, and only then

        Assert.Equal(Reports, taken.Sum() + after);
        await AssertEachReminderOnceAsync(codes);
    }

    [Fact]
    public async Task Sweep_TwoInstancesOnOneDatabase_TakeEachStepOnce()
    {
        var codes = await ReportsDueForTheReminderAsync();
        using var second = _factory.SecondInstance();
        var sweeps = new[] { _factory, second }.Select(f => f.Services.GetRequiredService<EscalationSweep>()).ToList();

        var taken = await Task.WhenAll(sweeps.Select(s => Task.Run(() => s.RunOnceAsync(CancellationToken.None))));
        var after = await _factory.SweepAsync() + await second.SweepAsync();

        Assert.Equal(Reports, taken.Sum() + after);
        await AssertEachReminderOnceAsync(codes);
    }

    [Fact]
    public async Task Sweep_FailingBetweenTheEventAndTheOutbox_LeavesNeitherAndTheNextSweepTakesTheStep()
    {
        var codes = await ReportsDueForTheReminderAsync();
        _failing.Fail = true;

        Assert.Equal(0, await _factory.SweepAsync());

        Assert.Empty(await _factory.StepsAsync());
        Assert.Equal(0, await _factory.EscalatedEventsAsync());
        Assert.Empty(await _factory.SentAsync());
        _failing.Fail = false;
        Assert.Equal(Reports, await _factory.SweepAsync());
        await AssertEachReminderOnceAsync(codes);
    }

    [Fact]
    public async Task Sweep_StepAlreadyRecordedByAnotherInstance_IsRefusedByTheUniqueKey()
    {
        var codes = await ReportsDueForTheReminderAsync();
        var first = await _factory.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == codes[0]).Select(c => c.Id).SingleAsync());
        var clock = await _factory.WithDbAsync(db => db.SlaClocks.Where(k => k.ComplaintId == first && k.NextStep != null && k.StoppedAt == null)
            .OrderBy(k => k.NextStepAt).Select(k => k.Id).FirstAsync());

        // Another instance's row for this very step, as if it had saved first (its event and messages aside).
        await _factory.WithDbAsync(db =>
        {
            db.Escalations.Add(new Escalation(first, clock, EscalationStep.Reminder, At(6, 9, 11).ToUniversalTime()));
            return db.SaveChangesAsync();
        });

        Assert.Equal(Reports - 1, await _factory.SweepAsync());
        Assert.Equal(Reports - 1, await _factory.EscalatedEventsAsync());
        Assert.DoesNotContain(await _factory.SentAsync(), m => m.Key.Contains(codes[0], StringComparison.Ordinal));
    }

    /// <summary>A subscriber that refuses escalation changes while <see cref="Fail"/> is set, as a failing outbox write would.</summary>
    private sealed class FailingSubscriber : IComplaintSubscriber
    {
        public volatile bool Fail;

        public ValueTask OnChangedAsync(ComplaintChange change, CancellationToken ct) =>
            Fail && change.Events.Any(e => e.Type == ComplaintEventType.Escalated)
                ? throw new InvalidOperationException("The outbox is down.")
                : ValueTask.CompletedTask;
    }
}
