using Aduan.Data.Sqlite;
using Aduan.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Data;

/// <summary>
/// Every SQLite connection the app opens waits for another writer inside SQLite, up to its Default Timeout,
/// instead of Microsoft.Data.Sqlite's 150 ms sleeps between retries. The app runs on SQLite even in the
/// PostgreSQL pass, whose writers queue on row locks without such a setting.
/// </summary>
public sealed class SqliteConnectionSetupTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "aduan-tests", $"busy-{Guid.NewGuid():N}.db");
    private readonly AduanFactory _factory;

    public SqliteConnectionSetupTests() =>
        _factory = AduanFactory.With(("Database:Provider", "Sqlite"), ("ConnectionStrings:Aduan", $"Data Source={_file}"));

    public void Dispose()
    {
        _factory.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task AppContextConnection_WaitsTheDefaultTimeout()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SqliteAduanDbContext>();
        await db.Database.OpenConnectionAsync();
        try
        {
            Assert.Equal(30_000, BusyTimeout((SqliteConnection)db.Database.GetDbConnection()));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [Theory]
    [InlineData(5, 5_000)]
    [InlineData(0, int.MaxValue)] // "no timeout", as Microsoft.Data.Sqlite reads 0
    [InlineData(3_000_000, int.MaxValue)] // more milliseconds than an int holds: the longest wait, not a negative one that turns waiting off
    public void Apply_SetsTheConnectionsDefaultTimeout(int seconds, int expected)
    {
        using var connection = new SqliteConnection($"Data Source=:memory:;Default Timeout={seconds}");
        connection.Open();
        SqliteConnectionSetup.Apply(connection);
        Assert.Equal(expected, BusyTimeout(connection));
    }

    private static long BusyTimeout(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout";
        return (long)command.ExecuteScalar()!;
    }
}
