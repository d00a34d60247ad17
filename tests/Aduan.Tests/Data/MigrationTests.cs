using Aduan.Data.Postgres;
using Aduan.Data.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Aduan.Tests.Data;

/// <summary>Fails when the model changed and a provider's migrations were not added (dotnet ef migrations add X --context ...),
/// or when going back a migration loses what Initial made by hand. Touches no database server (at most a SQLite file of
/// its own): runs once, not again on PostgreSQL (test.sh filters on this trait).</summary>
[Trait("Category", "NoDatabase")]
public sealed class MigrationTests
{
    [Fact]
    public void SqliteMigrations_CoverTheModel()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add NAME --project src/Aduan --context SqliteAduanDbContext --output-dir Data/Migrations/Sqlite");
    }

    [Fact]
    public void PostgresMigrations_CoverTheModel()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add NAME --project src/Aduan --context PostgresAduanDbContext --output-dir Data/Migrations/Postgres");
    }

    [Fact]
    public async Task SqliteMigrations_BackToInitial_KeepTheStaffSearchTriggers()
    {
        var file = Path.Combine(Path.GetTempPath(), $"aduan-migrations-{Guid.NewGuid():N}.db");
        try
        {
            await using (var db = new SqliteAduanDbContext(new DbContextOptionsBuilder<SqliteAduanDbContext>().UseSqlite($"Data Source={file}").Options))
            {
                await db.Database.MigrateAsync();

                await db.GetService<IMigrator>().MigrateAsync("Initial");

                var triggers = await db.Database.SqlQuery<string>($"SELECT name AS Value FROM sqlite_master WHERE type = 'trigger'").ToListAsync();
                Assert.Equal(["Complaints_SearchDelete", "Complaints_SearchInsert", "Complaints_SearchUpdate"], triggers.Order());
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
