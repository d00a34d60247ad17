using Aduan.Data;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Aduan.Tests.Data;

/// <summary>
/// On PostgreSQL the migrations turn JIT off for the database's new sessions (measured at 10M reports: 282 ms of
/// compiling for a read of 30 ms). Checked in the suite's PostgreSQL pass; SQLite has no JIT to turn off.
/// </summary>
public sealed class PostgresJitTests
{
    [Fact]
    public async Task Migrated_OnPostgres_ANewSessionRunsWithoutJit()
    {
        using var app = new AduanFactory();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        if (!db.Database.IsNpgsql())
        {
            return;
        }

        // Not from the pool: a session opened after the migration, as every one of the app's is after a start.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var show = new NpgsqlCommand("SHOW jit", connection);

        Assert.Equal("off", await show.ExecuteScalarAsync());
    }
}
