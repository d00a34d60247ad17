using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Aduan.Data.Sqlite;

/// <summary>
/// What every SQLite connection the app opens gets, on every open (a pooled connection may be new):
/// <list type="bullet">
/// <item>SQLite itself waits for another connection's write lock, in steps of 1 to 100 ms, up to the connection's
/// <c>Default Timeout</c>. Without it Microsoft.Data.Sqlite retries a locked statement after <c>Thread.Sleep(150)</c>:
/// an intake batch that met the outbox dispatcher's 1 ms update waited 150 ms, holding a thread-pool thread. The wait
/// is the connection's, per statement: a command's own shorter <c>CommandTimeout</c> does not cut it (nothing in the
/// app sets one), and the request's cancellation cannot end it early. One native call.</item>
/// <item><c>PRAGMA temp_store=MEMORY</c>, once per native connection. Inside a transaction SQLite keeps a statement
/// journal for each statement that might fail after changing a page (an INSERT whose search triggers write the
/// full-text index, an upsert of the daily counts): a copy of every page the statement changes that the transaction
/// had changed before. Past 64 KiB it goes to a temporary file: intake in batches of 32 reports wrote about 48 such
/// pages per report, each as a 4-byte page number and the page, two <c>pwrite</c> calls: 200 KB and 95 of the 110
/// write calls per report. In memory they are copies, freed as each statement ends. Durability is
/// not touched: a statement journal only undoes a statement within a transaction that has not committed. It also
/// keeps temporary tables and indexes (a <c>DISTINCT</c> or <c>GROUP BY</c> without an index) in memory: the app's
/// queries read through indexes.</item>
/// </list>
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSetup Instance = new();

    /// <summary>The native connections already given their pragmas (a handle lives as long as its pooled connection).</summary>
    private static readonly ConditionalWeakTable<sqlite3, object> Configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    /// <summary>For a connection opened outside EF Core; does nothing to another provider's.</summary>
    public static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite)
        {
            return;
        }

        // Default Timeout 0 means "no timeout" there, as it does here (about 25 days: the longest SQLite takes).
        var milliseconds = sqlite.DefaultTimeout <= 0 ? int.MaxValue : (int)Math.Min(int.MaxValue, sqlite.DefaultTimeout * 1000L);
        raw.sqlite3_busy_timeout(handle, milliseconds);
        if (Configured.TryAdd(handle, Instance) && raw.sqlite3_exec(handle, "PRAGMA temp_store=MEMORY") != raw.SQLITE_OK)
        {
            Configured.Remove(handle);
            throw new InvalidOperationException("SQLite refused PRAGMA temp_store=MEMORY: " + raw.sqlite3_errmsg(handle).utf8_to_string());
        }
    }
}
