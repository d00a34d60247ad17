using System.Net;
using System.Net.Http.Json;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Data.Sqlite;
using Aduan.Outbox;
using Aduan.Sla;
using Aduan.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Data;

/// <summary>
/// An intake batch writes its reports, events, clocks and messages with <see cref="PreparedInserts"/> on SQLite: every
/// property reads back as it was, the dependents point at their report, and a refused row fails the batch as EF Core's
/// save would, so the writer stores the others on their own. Always on SQLite.
/// </summary>
public sealed class PreparedInsertsTests() : SqliteFileTests("prepared")
{
    private static readonly Type[] Written = [typeof(Complaint), typeof(ComplaintEvent), typeof(SlaClock), typeof(OutboxMessage)];

    [Fact]
    public async Task ABatch_ReadsBackEveryPropertyOfEveryRowItWrote()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IntakeStore>();
        var category = await scope.ServiceProvider.GetRequiredService<Aduan.Categories.CategoryCatalog>().FindAsync("JALAN", CancellationToken.None);
        var full = new NewComplaint("Jalan berlubang", "Jalan berlubang besar di depan Pasar Baru, sudah dua minggu.", ComplaintKind.Complaint,
            PrivacyMode.Public, Channel.Web, category, new ReporterContact("Siti Aminah", "+6281234567890", "siti@example.id"),
            new ComplaintLocation("Jl. Ir. H. Juanda No. 1", -6.2349, 106.9923, "Bekasi Timur"), NamePublished: true, NotifyBy.Sms, "en", Priority.Urgent);
        var bare = new NewComplaint(null, "Saluran air tersumbat di Jl. Cut Mutia sejak kemarin.", ComplaintKind.Complaint,
            PrivacyMode.Anonymous, Channel.Sms, null, ReporterContact.None, ComplaintLocation.None);

        var outcomes = await store.SubmitManyAsync(
            [new IntakeItem(full, Actor.Reporter, Guid.NewGuid().ToString()), new IntakeItem(bare, Actor.Reporter, null), new IntakeItem(full, Actor.Reporter, null)],
            CancellationToken.None);

        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        var written = db.ChangeTracker.Entries().Where(e => Written.Contains(e.Metadata.ClrType)).Select(e => e.Entity).ToList();
        Assert.Equal(3, outcomes.Select(o => o.Complaint!.Id).Distinct().Count(id => id > 0));
        Assert.Contains(written, e => e is ComplaintEvent);
        Assert.Contains(written, e => e is SlaClock);
        Assert.Contains(written, e => e is OutboxMessage); // the reporter's confirmation

        await using var check = App.Services.CreateAsyncScope();
        var fresh = check.ServiceProvider.GetRequiredService<AduanDbContext>();
        foreach (var entity in written)
        {
            var type = fresh.Model.FindEntityType(entity.GetType())!;
            var table = StoreObjectIdentifier.Table(type.GetTableName()!);
            var id = (long)type.FindPrimaryKey()!.Properties.Single().GetGetter().GetClrValue(entity)!;
            Assert.True(id > 0, $"{type.ClrType.Name} has no key");
            var stored = await fresh.FindAsync(type.ClrType, id);
            Assert.NotNull(stored);
            foreach (var property in type.GetFlattenedProperties())
            {
                Assert.True(Same(property.GetGetter().GetClrValueUsingContainingEntity(entity), property.GetGetter().GetClrValueUsingContainingEntity(stored!)),
                    $"{type.ClrType.Name}.{property.Name} of row {id} did not read back as written");

                // And holds the storage class EF Core's mapping gives it (an enum by name is text, an instant as ticks an
                // integer): a value bound unconverted would read back the same through EF Core, but not be stored the same.
                var sql = "SELECT typeof(\"" + property.GetColumnName(table) + "\") AS Value FROM \"" + type.GetTableName() + "\" WHERE rowid = {0}"; // names from the model
                var storage = await fresh.Database.SqlQueryRaw<string>(sql, id).SingleAsync();
                var provider = property.GetTypeMapping().Converter?.ProviderClrType ?? property.ClrType;
                Assert.True(storage == "null" || storage == StorageClass(Nullable.GetUnderlyingType(provider) ?? provider),
                    $"{type.ClrType.Name}.{property.Name} is stored as {storage}, mapped to {provider.Name}");
            }
        }

        // Each report's dependents point at it.
        foreach (var complaint in outcomes.Select(o => o.Complaint!))
        {
            Assert.All(complaint.Events, e => Assert.Equal(complaint.Id, e.ComplaintId));
            Assert.All(complaint.Clocks, k => Assert.Equal(complaint.Id, k.ComplaintId));
            Assert.Equal(complaint.Events.Count, await fresh.ComplaintEvents.CountAsync(e => e.ComplaintId == complaint.Id));
        }

        // The search triggers ran for each row.
        Assert.Equal(2, await fresh.Database.SqlQuery<long>($"SELECT rowid AS Value FROM ComplaintSearch WHERE ComplaintSearch MATCH 'berlubang'").CountAsync());
    }

    private static string StorageClass(Type provider) =>
        provider == typeof(string) ? "text"
        : provider == typeof(double) || provider == typeof(float) ? "real"
        : provider == typeof(byte[]) ? "blob"
        : provider == typeof(long) || provider == typeof(int) || provider == typeof(short) || provider == typeof(bool) || provider.IsEnum ? "integer"
        : throw new InvalidOperationException($"No storage class known for {provider.Name}: add it here.");

    [Fact]
    public async Task ARefusedRow_LeavesNothingOfItsBatch_AndTheSettingIsForOneSaveOnly()
    {
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""
            CREATE TRIGGER refuse_marked BEFORE INSERT ON Complaints WHEN new.Text LIKE '%TOLAK-INI%'
            BEGIN SELECT RAISE(ABORT, 'refused by test'); END
            """));
        var before = await Counts();
        await using var scope = App.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IntakeStore>();
        var ok = new NewComplaint(null, "Lampu jalan mati di gang Melati, sudah seminggu gelap.", ComplaintKind.Complaint, PrivacyMode.Anonymous,
            Channel.Web, null, new ReporterContact(null, "+6281234567891", null), ComplaintLocation.None, NotifyBy: NotifyBy.Sms);
        var refused = ok with { Text = "Laporan ini harus ditolak: TOLAK-INI oleh basis data." };

        var failure = await Assert.ThrowsAsync<DbUpdateException>(() =>
            store.SubmitManyAsync([new IntakeItem(ok, Actor.Reporter, Guid.NewGuid().ToString()), new IntakeItem(refused, Actor.Reporter, null)], CancellationToken.None));

        Assert.Contains("refused by test", failure.InnerException!.Message, StringComparison.Ordinal);
        Assert.Equal(before, await Counts()); // the first report, its event, clock, message and key went back with the batch

        // The setting was for that save: the context (pooled) saves as EF Core does next time.
        Assert.Empty(scope.ServiceProvider.GetRequiredService<AduanDbContext>().PreparedInsertTypes);
    }

    private Task<string> Counts() => App.WithDbAsync(async db =>
        $"{await db.Complaints.CountAsync()} {await db.ComplaintEvents.CountAsync()} {await db.SlaClocks.CountAsync()} "
        + $"{await db.OutboxMessages.CountAsync()} {await db.IdempotencyRecords.CountAsync()}");

    private static bool Same(object? a, object? b) => a is byte[] x && b is byte[] y ? x.AsSpan().SequenceEqual(y) : Equals(a, b);

    [Fact]
    public async Task ARefusedRow_FailsItsBatch_AndTheWriterStoresTheOthersOnTheirOwn()
    {
        // A stand-in for any constraint a row can break: SQLite refuses one report's row, after its batch wrote others.
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""
            CREATE TRIGGER refuse_marked BEFORE INSERT ON Complaints WHEN new.Text LIKE '%TOLAK-INI%'
            BEGIN SELECT RAISE(ABORT, 'refused by test'); END
            """));
        var before = await App.WithDbAsync(db => db.Complaints.CountAsync());
        var client = App.CreateClient();

        // Sent together, so they reach the writer as one batch (or a few: either way the refused one must not take the others).
        var texts = Enumerable.Range(0, 8).Select(i => i == 3 ? "Laporan ini harus ditolak: TOLAK-INI oleh basis data." : $"Lampu jalan mati di gang {i}, sudah seminggu gelap.");
        var responses = await Task.WhenAll(texts.Select(text => client.PostAsJsonAsync("/api/v1/complaints", new { text, privacy = "Anonymous" })));

        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.InternalServerError);
        Assert.Equal(before + 7, await App.WithDbAsync(db => db.Complaints.CountAsync()));

        // Nothing of the refused report is left: no event, clock or message without its report.
        Assert.Equal(0, await App.WithDbAsync(db => db.ComplaintEvents.CountAsync(e => !db.Complaints.Any(c => c.Id == e.ComplaintId))));
        Assert.Equal(0, await App.WithDbAsync(db => db.SlaClocks.CountAsync(k => !db.Complaints.Any(c => c.Id == k.ComplaintId))));
        Assert.Equal(0, await App.WithDbAsync(db => db.Database.SqlQuery<long>(
            $"SELECT count(*) AS Value FROM ComplaintSearch WHERE rowid NOT IN (SELECT Id FROM Complaints)").SingleAsync()));
    }

    [Fact]
    public async Task AMappingItCannotWriteAsEfCoreWould_IsRefused_NotWrittenDifferently()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var db = new DefaultsContext(new DbContextOptionsBuilder<DefaultsContext>().UseSqlite(connection).Options);
        await db.Database.EnsureCreatedAsync();
        db.Add(new WithDefault { Name = "a" });
        db.ChangeTracker.DetectChanges();
        await using var transaction = await db.Database.BeginTransactionAsync();

        var refused = await Assert.ThrowsAsync<NotSupportedException>(() => PreparedInserts.WriteAsync(db, [typeof(WithDefault)], CancellationToken.None));

        Assert.Contains("Stamp", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await db.Set<WithDefault>().CountAsync());
    }

    private sealed class WithDefault
    {
        public long Id { get; set; }
        public required string Name { get; set; }
        public string? Stamp { get; set; }
    }

    private sealed class DefaultsContext(DbContextOptions<DefaultsContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder b) =>
            b.Entity<WithDefault>().Property(w => w.Stamp).HasDefaultValueSql("'now'"); // the database fills it when EF Core leaves it out
    }
}
