using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Data;

/// <summary>
/// Every SQLite connection the app opens waits for another writer inside SQLite, up to its Default Timeout,
/// instead of Microsoft.Data.Sqlite's 150 ms sleeps between retries. (PostgreSQL has no such setting: its
/// writers queue on row locks.)
/// </summary>
public sealed class SqliteBusyTimeoutTests : IDisposable
{
    private readonly AduanFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ContextConnection_HasTheDefaultTimeoutAsBusyTimeout()
    {
        var timeout = await _factory.WithDbAsync(async db =>
        {
            if (!db.Database.IsSqlite())
            {
                return (long?)null;
            }

            await db.Database.OpenConnectionAsync();
            try
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = "PRAGMA busy_timeout";
                return (long?)await command.ExecuteScalarAsync();
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });

        Assert.True(timeout is null or 30_000, $"busy_timeout is {timeout} ms");
    }
}
