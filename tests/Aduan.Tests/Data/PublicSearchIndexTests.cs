using System.Net;
using Aduan.Complaints;
using Aduan.Identity;
using Aduan.Tests.Support;
using Aduan.Transparency;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Aduan.Tests.Data;

/// <summary>
/// SQLite's public search index (<c>ComplaintPublicSearch</c>) holds exactly the published reports' masked texts
/// (migration <c>PublicSearchOfPublished</c>): intake does not index a new report's, publication does, and whatever
/// changes a report's state, privacy or texts keeps the index equal to one built afresh from the published reports by
/// <see cref="Publication.IndexFilter"/>, term by term and position by position. Always on SQLite (PostgreSQL's public
/// search is a generated column).
/// </summary>
public sealed class PublicSearchIndexTests() : SqliteFileTests("public-search")
{
    private static readonly string[] Words = ["jalan", "rusak", "banjir", "sampah", "lampu", "parit", "pohon", "tumbang", "macet", "kenari"];

    [Fact]
    public async Task ANewReport_IsIndexedWhenPublished_AndNotBefore()
    {
        var report = await App.CreateClient().SubmitAsync(TestApi.Report("Lampu jalan di Gang Kenari padam sejak minggu lalu."));
        var id = await App.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == report.TrackingCode).Select(c => c.Id).SingleAsync());
        Assert.DoesNotContain(id, await IndexedAsync());

        var manager = await App.StaffClientAsync(Roles.Manager);
        Assert.Equal(HttpStatusCode.OK, (await manager.ActAsync(report.TrackingCode, new { action = "dispatch", agency = "DBMSDA" })).StatusCode);

        Assert.Contains(id, await IndexedAsync());
        await AssertIndexIsRebuiltAsync();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task RandomChangesOfStateTextsAndPrivacy_LeaveTheIndexAsIfBuiltAfresh(int seed)
    {
        var random = new Random(seed);
        var citizen = App.CreateClient();
        for (var i = 0; i < 12; i++)
        {
            await citizen.SubmitAsync(TestApi.Report(Sentence(random), privacy: Enum.GetName(RandomOf<PrivacyMode>(random))!));
        }

        await using var connection = await OpenAsync();
        var ids = (await IdsAsync(connection, """SELECT "Id" FROM "Complaints" """)).Order().ToList();

        for (var step = 1; step <= 240; step++)
        {
            var id = ids[random.Next(ids.Count)];
            var set = random.Next(7) switch
            {
                0 => ("\"Privacy\"", (object)Enum.GetName(RandomOf<PrivacyMode>(random))!),
                1 => ("\"PublicText\"", random.Next(5) == 0 ? DBNull.Value : Sentence(random)),
                2 => ("\"PublicTitle\"", random.Next(3) == 0 ? DBNull.Value : Sentence(random)),
                3 => ("\"Priority\"", random.Next(2) == 0 ? "Normal" : "High"), // a column the triggers do not watch
                _ => ("\"Status\"", Enum.GetName(RandomOf<ComplaintStatus>(random))!),
            };

            // Now and then two at once: a report published and its text changed in one statement.
            var also = random.Next(4) == 0 ? ", \"PublicText\" = $text" : "";
            await using var update = new SqliteCommand($"UPDATE \"Complaints\" SET {set.Item1} = $value{also} WHERE \"Id\" = $id", connection);
            update.Parameters.AddWithValue("$value", set.Item2);
            update.Parameters.AddWithValue("$text", Sentence(random));
            update.Parameters.AddWithValue("$id", id);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());

            if (step % 60 == 0)
            {
                // A report removed (no path of the app's does; the trigger must all the same).
                var gone = ids[random.Next(ids.Count)];
                ids.Remove(gone);
                await ExecuteAsync(connection, $"DELETE FROM \"Complaints\" WHERE \"Id\" = {gone}");
            }

            await AssertIndexIsRebuiltAsync();
        }

        Assert.NotEmpty(await IndexedAsync()); // the walk published some: the comparison compared something
    }

    [Fact]
    public async Task TheTriggers_AskWhatTheAppCallsPublished()
    {
        // The triggers' SQL is the migration's, written once; the rule is code. A state added to either list must reach both.
        await using var connection = await OpenAsync();
        await using var command = new SqliteCommand(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'Complaints_PublicSearch%'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var triggers = new Dictionary<string, string>();
        while (await reader.ReadAsync())
        {
            triggers[reader.GetString(0)] = reader.GetString(1);
        }

        string Of(string row) => Publication.IndexFilter.Replace("\"Privacy\"", row + ".\"Privacy\"", StringComparison.Ordinal)
            .Replace("\"Status\"", row + ".\"Status\"", StringComparison.Ordinal);
        Assert.Equal(["Complaints_PublicSearchDelete", "Complaints_PublicSearchInsert", "Complaints_PublicSearchUpdate"], triggers.Keys.Order());
        Assert.Contains(Of("new"), triggers["Complaints_PublicSearchInsert"], StringComparison.Ordinal);
        Assert.Contains(Of("old"), triggers["Complaints_PublicSearchDelete"], StringComparison.Ordinal);
        Assert.Contains(Of("new"), triggers["Complaints_PublicSearchUpdate"], StringComparison.Ordinal);
        Assert.Contains(Of("old"), triggers["Complaints_PublicSearchUpdate"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMigration_KeepsOnlyThePublishedReports_OfADatabaseIndexedBeforeIt()
    {
        var citizen = App.CreateClient();
        var manager = await App.StaffClientAsync(Roles.Manager);
        var submitted = await citizen.SubmitAsync(TestApi.Report("Sampah menumpuk di parit Jalan Kenari."));
        var published = await citizen.SubmitAsync(TestApi.Report("Pohon tumbang menutup Jalan Kenari."));
        var confidential = await citizen.SubmitAsync(TestApi.Report("Banjir di Gang Kenari setiap hujan.", privacy: "Confidential"));
        foreach (var code in new[] { published.TrackingCode, confidential.TrackingCode })
        {
            Assert.Equal(HttpStatusCode.OK, (await manager.ActAsync(code, new { action = "dispatch", agency = "DBMSDA" })).StatusCode);
        }

        await App.WithDbAsync(async db =>
        {
            var migrations = db.Database.GetMigrations().ToList();
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_PublicSearchOfPublished", StringComparison.Ordinal)) - 1]);
            return 0;
        });
        var before = await IndexedAsync();
        await App.WithDbAsync(async db =>
        {
            await db.GetService<IMigrator>().MigrateAsync();
            return 0;
        });

        var ids = await App.WithDbAsync(db => db.Complaints.ToDictionaryAsync(c => c.TrackingCode, c => c.Id));
        Assert.Equal(ids.Values.Order(), before.Order()); // before it, every report was indexed
        await AssertIndexIsRebuiltAsync();
        var after = await IndexedAsync();
        Assert.Contains(ids[published.TrackingCode], after);
        Assert.DoesNotContain(ids[submitted.TrackingCode], after);
        Assert.DoesNotContain(ids[confidential.TrackingCode], after);
    }

    /// <summary>The reports in the index (one size row per indexed document).</summary>
    private async Task<HashSet<long>> IndexedAsync()
    {
        await using var connection = await OpenAsync();
        return await IdsAsync(connection, "SELECT id FROM ComplaintPublicSearch_docsize");
    }

    private static async Task<HashSet<long>> IdsAsync(SqliteConnection connection, string sql)
    {
        await using var command = new SqliteCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new HashSet<long>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>The index, term by term and position, against one built from the published reports now.</summary>
    private async Task AssertIndexIsRebuiltAsync()
    {
        await using var connection = await OpenAsync();
        await ExecuteAsync(connection, $"""
            CREATE VIRTUAL TABLE temp.Reference USING fts5(PublicTitle, PublicText, tokenize='unicode61 remove_diacritics 2');
            INSERT INTO temp.Reference(rowid, PublicTitle, PublicText)
                SELECT "Id", "PublicTitle", "PublicText" FROM "Complaints" WHERE {Publication.IndexFilter};
            CREATE VIRTUAL TABLE temp.ReferenceTerms USING fts5vocab(temp, Reference, instance);
            CREATE VIRTUAL TABLE temp.IndexTerms USING fts5vocab(main, ComplaintPublicSearch, instance);
            """);
        foreach (var (from, to) in new[] { ("IndexTerms", "ReferenceTerms"), ("ReferenceTerms", "IndexTerms") })
        {
            await using var command = new SqliteCommand($"""
                SELECT COUNT(*) FROM (SELECT term, doc, col, offset FROM temp.{from} EXCEPT SELECT term, doc, col, offset FROM temp.{to})
                """, connection);
            Assert.True((long)(await command.ExecuteScalarAsync())! == 0, $"terms in {from} and not in {to}");
        }

        // The totals (documents, tokens per column) the ranking divides by: a 'delete' of a report never indexed shows here.
        await using (var totals = new SqliteCommand("""
            SELECT coalesce((SELECT nullif(hex(block), '') FROM ComplaintPublicSearch_data WHERE id = 1), '000000'),
                coalesce((SELECT nullif(hex(block), '') FROM temp.Reference_data WHERE id = 1), '000000') -- empty or none: no document yet
            """, connection))
        await using (var both = await totals.ExecuteReaderAsync())
        {
            Assert.True(await both.ReadAsync());
            Assert.Equal(both.GetString(1), both.GetString(0));
        }

        var expected = await IdsAsync(connection, $"""SELECT "Id" FROM "Complaints" WHERE {Publication.IndexFilter}""");
        Assert.Equal(expected.Order(), (await IndexedAsync()).Order());
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        // Not pooled: the comparison's temporary tables go with the connection.
        var file = await App.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(file) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await ExecuteAsync(connection, "PRAGMA foreign_keys = OFF"); // so a report can be deleted without its rows
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = new SqliteCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Sentence(Random random) =>
        string.Join(' ', Enumerable.Range(0, random.Next(2, 7)).Select(_ => Words[random.Next(Words.Length)]));

    private static T RandomOf<T>(Random random) where T : struct, Enum => Enum.GetValues<T>()[random.Next(Enum.GetValues<T>().Length)];
}
