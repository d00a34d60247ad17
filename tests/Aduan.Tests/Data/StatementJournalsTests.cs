using Aduan.Complaints;
using Aduan.Data;
using Aduan.Data.Sqlite;
using Aduan.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aduan.Tests.Data;

/// <summary>
/// An intake batch keeps SQLite's statement journals in memory (<see cref="StatementJournals"/>), and its pooled
/// connection goes back with the default, which keeps sorts and temporary tables spilling to files. Always on SQLite.
/// </summary>
public sealed class StatementJournalsTests() : SqliteFileTests("journals", s => s.AddSingleton<IInterceptor, CommandRecorder>())
{
    [Fact]
    public async Task AnIntakeBatch_KeepsItsJournalsInMemory_AndGivesTheConnectionBackWithTheDefault()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IntakeStore>();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        await db.Database.OpenConnectionAsync(); // held, so the batch runs on this connection and the check below reads it

        var (outcomes, commands) = await CommandRecorder.RecordAsync(() =>
            store.SubmitManyAsync([new IntakeItem(Input, Actor.Reporter, null), new IntakeItem(Input, Actor.Reporter, null)], CancellationToken.None));

        Assert.All(outcomes, o => Assert.NotNull(o.Complaint));
        var texts = commands.Select(c => c.Text).ToList();
        // (The reports' own rows go through PreparedInserts, outside EF Core's interceptors; the daily counts, written last, do not.)
        var insert = texts.FindIndex(t => t.Contains("INSERT INTO \"DailyCounts\"", StringComparison.Ordinal));
        int[] order = [texts.IndexOf("PRAGMA temp_store=MEMORY"), texts.IndexOf("BEGIN"), insert, texts.IndexOf("COMMIT"), texts.IndexOf("PRAGMA temp_store=DEFAULT")];
        Assert.True(order[0] >= 0 && order.Zip(order.Skip(1)).All(p => p.First < p.Second), string.Join("\n", texts));

        // The batch's own connection: the default is back.
        try
        {
            Assert.Equal(0L, await TempStore(db));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [Fact]
    public async Task AFailedIntakeBatch_GivesTheConnectionBackWithTheDefault()
    {
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""
            CREATE TRIGGER IF NOT EXISTS refuse_marked BEFORE INSERT ON Complaints WHEN new.Text LIKE '%TOLAK-INI%'
            BEGIN SELECT RAISE(ABORT, 'refused by test'); END
            """));
        await using var scope = App.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IntakeStore>();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        await db.Database.OpenConnectionAsync();
        try
        {
            var (_, commands) = await CommandRecorder.RecordAsync(() => Assert.ThrowsAsync<DbUpdateException>(() => store.SubmitManyAsync(
                [new IntakeItem(Input, Actor.Reporter, null), new IntakeItem(Input with { Text = "Harus ditolak: TOLAK-INI oleh basis data." }, Actor.Reporter, null)],
                CancellationToken.None)));

            var texts = commands.Select(c => c.Text).ToList();
            Assert.True(texts.IndexOf("BEGIN") >= 0 && texts.IndexOf("BEGIN") < texts.IndexOf("PRAGMA temp_store=DEFAULT"), string.Join("\n", texts));
            Assert.DoesNotContain("COMMIT", texts);
            Assert.Equal(0L, await TempStore(db));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [Fact]
    public async Task AnIntakeBatch_ClosesTheConnectionItOpened()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IntakeStore>();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();

        await store.SubmitManyAsync([new IntakeItem(Input, Actor.Reporter, null), new IntakeItem(Input, Actor.Reporter, null)], CancellationToken.None);

        Assert.Equal(System.Data.ConnectionState.Closed, db.Database.GetDbConnection().State);
    }

    private static readonly NewComplaint Input = new(null, "Saluran air tersumbat di Jl. Cut Mutia sejak kemarin.", ComplaintKind.Complaint,
        PrivacyMode.Anonymous, Channel.Web, null, ReporterContact.None, ComplaintLocation.None);

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // without it, the same statement's journal (about 300 KB) goes to a temporary file
    public async Task AStatementsJournal_GoesToAFile_OnlyOutsideTheScope(bool inMemory)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        await db.Database.OpenConnectionAsync();
        try
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE IF NOT EXISTS JournalTest (Id INTEGER PRIMARY KEY, Key TEXT UNIQUE)");
            await using (var journals = inMemory ? await StatementJournals.InMemoryAsync(db, NullLogger.Instance, default) : null)
            {
                var connection = (SqliteConnection)db.Database.GetDbConnection();
                using var transaction = connection.BeginTransaction();
                Execute(connection, "INSERT INTO JournalTest (Key) WITH n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300) "
                    + "SELECT printf('%d-%.480c', i, 'x') FROM n");

                // One statement that changes every row of a unique key (it might fail halfway, so SQLite journals it). Run
                // synchronously, the thread's write calls are the journal's: nothing reaches the WAL before the commit.
                var before = ThreadWriteCalls();
                Execute(connection, "UPDATE JournalTest SET Key = Key || 'y'");
                var writes = ThreadWriteCalls() - before;
                transaction.Rollback();

                Assert.True(inMemory ? writes == 0 : writes > 0, $"{writes} write calls");
            }

            Assert.Equal(0L, await TempStore(db));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static async Task<long> TempStore(AduanDbContext db) =>
        await db.Database.SqlQueryRaw<long>("SELECT temp_store AS \"Value\" FROM pragma_temp_store").SingleAsync();

    /// <summary>The write system calls of the calling thread so far (Linux).</summary>
    private static long ThreadWriteCalls() =>
        long.Parse(File.ReadLines("/proc/thread-self/io").Single(l => l.StartsWith("syscw:", StringComparison.Ordinal))[6..].Trim(),
            System.Globalization.CultureInfo.InvariantCulture);
}
