using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Aduan.Data.Sqlite;

/// <summary>
/// Lets SQLite itself wait for another connection's write lock, in steps of 1 to 100 ms, up to the
/// connection's <c>Default Timeout</c>. Without it Microsoft.Data.Sqlite retries a locked statement after
/// <c>Thread.Sleep(150)</c>: an intake batch that met the outbox dispatcher's 1 ms update waited 150 ms,
/// holding a thread-pool thread. Set on every open, since a pooled connection may be new: one native call.
/// The wait is the connection's, per statement: a command's own shorter <c>CommandTimeout</c> does not cut
/// it (nothing in the app sets one), and the request's cancellation cannot end it early.
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSetup Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    /// <summary>For a connection opened outside EF Core; does nothing to another provider's.</summary>
    public static void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } sqlite)
        {
            // Default Timeout 0 means "no timeout" there, as it does here (about 25 days: the longest SQLite takes).
            var milliseconds = sqlite.DefaultTimeout <= 0 ? int.MaxValue : (int)Math.Min(int.MaxValue, sqlite.DefaultTimeout * 1000L);
            raw.sqlite3_busy_timeout(handle, milliseconds);
        }
    }
}
