using System.Net;
using System.Net.Http.Json;
using Aduan.Complaints;
using Aduan.Outbox;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Complaints;

/// <summary>
/// Side effects are subscribers: a feature registers one, the core names none, and what a subscriber
/// queues is stored in the change's own transaction (both or neither).
/// </summary>
public sealed class ComplaintSubscriberTests : IDisposable
{
    private const string ProbeType = "probe";
    private readonly Probe _probe = new();
    private readonly AduanFactory _factory;

    public ComplaintSubscriberTests()
    {
        _factory = new AduanFactory
        {
            TestServices = s =>
            {
                s.AddSingleton(_probe);
                s.AddScoped<IComplaintSubscriber, ProbeSubscriber>();
            },
        };
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Submit_And_Dispatch_SubscriberMessagesStoredWithEachEvent()
    {
        var manager = await _factory.StaffClientAsync("Manager");
        var created = await _factory.CreateClient().SubmitAsync();
        await manager.ActOkAsync(created.TrackingCode, new { action = "dispatch" });

        var keys = await ProbeKeysAsync(created.TrackingCode);

        Assert.Equal([$"{created.TrackingCode}/1/Submitted", $"{created.TrackingCode}/2/Dispatched"], keys);
    }

    [Fact]
    public async Task Dispatch_SubscriberFails_ChangeNotStored()
    {
        var manager = await _factory.StaffClientAsync("Manager");
        var created = await _factory.CreateClient().SubmitAsync();
        _probe.Fail = true;

        var response = await manager.ActAsync(created.TrackingCode, new { action = "dispatch" });

        await response.ProblemAsync(HttpStatusCode.InternalServerError);
        var stored = await _factory.WithDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.TrackingCode == created.TrackingCode));
        Assert.Equal(ComplaintStatus.Submitted, stored.Status);
        Assert.Equal(1, stored.EventCount);
        Assert.Equal([$"{created.TrackingCode}/1/Submitted"], await ProbeKeysAsync(created.TrackingCode));
    }

    [Fact]
    public async Task Submit_SubscriberFails_NoReportStored()
    {
        _probe.Fail = true;
        var text = "Saluran air tersumbat di Jl. Kemakmuran, uji pelanggan gagal " + Guid.NewGuid().ToString("N");

        var response = await _factory.CreateClient().PostAsJsonAsync("/api/v1/complaints", TestApi.Report(text: text));

        await response.ProblemAsync(HttpStatusCode.InternalServerError);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.Text == text)));
    }

    [Fact]
    public async Task ConcurrentChange_Refused_SubscriberMessageOfTheLoserNotStored()
    {
        var created = await _factory.CreateClient().SubmitAsync();
        var staff = new Actor(ActorKind.Staff, null, "Manajer uji", null);
        await using var first = _factory.Services.CreateAsyncScope();
        await using var second = _factory.Services.CreateAsyncScope();
        var a = first.ServiceProvider.GetRequiredService<ComplaintWorkflow>();
        var b = second.ServiceProvider.GetRequiredService<ComplaintWorkflow>();
        var seenByA = await a.ForChange().SingleAsync(c => c.TrackingCode == created.TrackingCode);
        var seenByB = await b.ForChange().SingleAsync(c => c.TrackingCode == created.TrackingCode);

        var won = await a.TryApplyAsync(seenByA, new DeferCommand("Mohon lengkapi alamat."), staff, CancellationToken.None);
        var lost = await b.TryApplyAsync(seenByB, new ArchiveCommand("Tidak jelas."), staff, CancellationToken.None);

        Assert.Null(won.Refusal);
        Assert.Equal(ActionRefusal.Stale, lost.Refusal);
        Assert.Equal([$"{created.TrackingCode}/1/Submitted", $"{created.TrackingCode}/2/Deferred"], await ProbeKeysAsync(created.TrackingCode));
    }

    private Task<List<string>> ProbeKeysAsync(string code) => _factory.WithDbAsync(db => db.OutboxMessages
        .Where(m => m.Type == ProbeType && m.IdempotencyKey.StartsWith(code + "/"))
        .OrderBy(m => m.Id).Select(m => m.IdempotencyKey).ToListAsync());

    private sealed class Probe
    {
        public volatile bool Fail;
    }

    /// <summary>Queues one message per new event, keyed by report, sequence and event type; or fails when told to.</summary>
    private sealed class ProbeSubscriber(OutboxWriter outbox, Probe probe) : IComplaintSubscriber
    {
        public ValueTask OnChangedAsync(ComplaintChange change, CancellationToken ct)
        {
            if (probe.Fail)
            {
                throw new InvalidOperationException("The probe subscriber fails on purpose.");
            }

            foreach (var e in change.Events)
            {
                outbox.Add(ProbeType, $"{change.Complaint.TrackingCode}/{e.Sequence}/{e.Type}", null, "{}", change.At);
            }

            return ValueTask.CompletedTask;
        }
    }
}
