using Aduan.Data.Postgres;
using Aduan.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Data;

/// <summary>Fails when the model changed and a provider's migrations were not added (dotnet ef migrations add X --context ...).
/// Touches no database: runs once, not again on PostgreSQL (test.sh filters on this trait).</summary>
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
}
