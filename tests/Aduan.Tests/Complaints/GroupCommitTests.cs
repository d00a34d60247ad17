using System.Net;
using System.Net.Http.Json;
using Aduan.Complaints;
using Aduan.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Complaints;

public sealed class GroupCommitTests(AduanFactory factory) : IClassFixture<AduanFactory>
{
    [Fact]
    public async Task SubmitMany_StoresABatchInOneGoAndAnswersRepeatedKeysWithTheFirstReport()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IntakeStore>();
        var earlier = await factory.CreateClient().SubmitAsync();
        var category = await scope.ServiceProvider.GetRequiredService<Aduan.Categories.CategoryCatalog>().FindAsync("PJU", CancellationToken.None);
        var input = new NewComplaint(null, "Lampu jalan mati di Jl. Cut Mutia sejak seminggu.", ComplaintKind.Complaint, PrivacyMode.Anonymous,
            Channel.Web, category, ReporterContact.None, ComplaintLocation.None);
        var key = Guid.NewGuid().ToString();

        var outcomes = await store.SubmitManyAsync(
        [
            new IntakeItem(input, Actor.Reporter, key),
            new IntakeItem(input, Actor.Reporter, null),
            new IntakeItem(input, Actor.Reporter, key),
            new IntakeItem(input with { Text = "Isi lain dengan kunci yang sama, harus ditolak." }, Actor.Reporter, key),
        ], CancellationToken.None);

        Assert.Equal(outcomes[0].Complaint!.TrackingCode, outcomes[2].Complaint!.TrackingCode);
        Assert.Equal(outcomes[0].ReporterKey, outcomes[2].ReporterKey);
        Assert.NotEqual(outcomes[0].Complaint!.TrackingCode, outcomes[1].Complaint!.TrackingCode);
        Assert.True(outcomes[3].KeyConflict);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Complaints.CountAsync(c => db.IdempotencyRecords.Any(r => r.Key == key && r.ComplaintId == c.Id))));
        Assert.NotEqual(earlier.TrackingCode, outcomes[1].Complaint!.TrackingCode);
    }

    [Fact]
    public async Task SubmitMany_UsesTheSecretsPreparedBeforeTheWriter_ForTheItemTheyWereDrawnFor()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IntakeStore>();
        var protector = IntakeStore.KeyProtector(scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>());
        var input = new NewComplaint(null, "Saluran air tersumbat di Jl. Kartini, air meluap ke jalan.", ComplaintKind.Complaint,
            PrivacyMode.Anonymous, Channel.Web, null, ReporterContact.None, ComplaintLocation.None);
        var other = input with { Text = "Isi lain dengan kunci yang sama: pohon tumbang di Jl. Kartini." };
        var key = Guid.NewGuid().ToString();
        var keyed = IntakeStore.Prepare(new IntakeItem(input, Actor.Reporter, key), protector);
        var plain = IntakeStore.Prepare(new IntakeItem(input, Actor.Reporter, null), protector);

        var outcomes = await store.SubmitManyAsync([keyed, plain], CancellationToken.None);
        var later = await store.SubmitManyAsync(
        [
            IntakeStore.Prepare(new IntakeItem(input, Actor.Reporter, key), protector), // a retry
            IntakeStore.Prepare(new IntakeItem(other, Actor.Reporter, key), protector), // another report under the same key
            keyed with { Input = other }, // secrets drawn for the first input: the store must not trust its request hash
            plain with { IdempotencyKey = Guid.NewGuid().ToString() }, // drawn without a key: none to keep
        ], CancellationToken.None);

        // The key the reporter is given is the one drawn before the writer, and the report keeps its hash.
        Assert.Equal(keyed.Secrets!.ReporterKey, outcomes[0].ReporterKey);
        Assert.Equal(plain.Secrets!.ReporterKey, outcomes[1].ReporterKey);
        foreach (var (item, outcome) in new[] { keyed, plain }.Zip(outcomes))
        {
            var stored = await factory.WithDbAsync(db => db.Complaints.SingleAsync(c => c.Id == outcome.Complaint!.Id));
            Assert.True(ReporterKey.Matches(item.Secrets!.ReporterKey, stored.ReporterKeyHash));
        }

        // A retry gets the first report and the first key (kept encrypted), not its own fresh one; another report is refused.
        Assert.True(later[0].Replayed);
        Assert.Equal(outcomes[0].Complaint!.Id, later[0].Complaint!.Id);
        Assert.Equal(keyed.Secrets.ReporterKey, later[0].ReporterKey);
        Assert.True(later[1].KeyConflict);
        Assert.True(later[2].KeyConflict);
        Assert.NotNull(later[3].Complaint);
        Assert.NotEqual(plain.Secrets.ReporterKey, later[3].ReporterKey);
        Assert.True(await factory.WithDbAsync(db => db.IdempotencyRecords.AnyAsync(r => r.ComplaintId == later[3].Complaint!.Id)));
    }

    [Fact]
    public async Task ConcurrentSubmissions_AreAllStoredWithDistinctCodes()
    {
        var client = factory.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            client.PostAsJsonAsync("/api/v1/complaints", TestApi.Report(text: $"Laporan serentak nomor {i}: trotoar rusak di Jl. Ahmad Yani."))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var codes = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<SubmitComplaintResponse>(TestApi.Json))!.TrackingCode));
        Assert.Equal(60, codes.Distinct().Count());
        Assert.Equal(60, await factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.Text.StartsWith("Laporan serentak"))));
    }
}
