using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Data.Sqlite;

/// <summary>
/// Keeps SQLite's statement journals in memory for one write transaction of known, bounded statements (an intake batch),
/// on the context's connection, held open for it: <c>PRAGMA temp_store=MEMORY</c> before the transaction begins (SQLite
/// reads it then), <c>DEFAULT</c> again when disposed, so the pooled connection goes back as it came. Entered by
/// <see cref="SqliteAduanDbContext"/> for a save of many new rows (<see cref="AduanDbContext.PreparedInsertTypes"/>).
/// </summary>
/// <remarks>
/// Inside a transaction SQLite keeps a journal for each statement that might fail after changing pages (an INSERT whose
/// search triggers write the full-text index, an upsert of the daily counts): a copy of each page the statement
/// changes, to undo that statement alone. Past 64 KiB it goes to a temporary file: intake in batches of 32 reports
/// journalled about 48 pages per report, each as a 4-byte page number and the page, two <c>pwrite</c> calls: 200 KB and
/// 95 of the 110 write calls per report, most of the writer's time. In memory each is freed as its statement ends.
/// Durability is not touched: a statement journal only undoes a statement inside a transaction that has not committed.
/// Not for every connection: <c>temp_store=MEMORY</c> also keeps sorts and temporary tables whole in memory, which a
/// year's statistics or a day's audit digest could make large; a larger spill limit for statement journals alone
/// (<c>SQLITE_CONFIG_STMTJRNL_SPILL</c>) made statements past it fail with "database or disk is full" from 256 KiB up
/// (Microsoft.Data.Sqlite 10's SQLite, tried).
/// </remarks>
public sealed class StatementJournals : IAsyncDisposable
{
    private readonly DbContext _db;
    private readonly ILogger _log;

    private StatementJournals(DbContext db, ILogger log) => (_db, _log) = (db, log);

    public static async Task<StatementJournals> InMemoryAsync(DbContext db, ILogger log, CancellationToken ct)
    {
        // SQLite reads the setting as a write transaction begins: one already begun would keep its journals in files.
        if (db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("StatementJournals must be entered before the transaction begins.");
        }

        await db.Database.OpenConnectionAsync(ct);
        var journals = new StatementJournals(db, log);
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA temp_store=MEMORY", ct);
        }
        catch
        {
            // Cancelled or failed after SQLite took the pragma (it applies it as the statement is prepared): set back.
            await journals.DisposeAsync();
            throw;
        }

        return journals;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Not cancellable: the connection must not go back to the pool keeping sorts in memory.
            await _db.Database.ExecuteSqlRawAsync("PRAGMA temp_store=DEFAULT", CancellationToken.None);
        }
        catch (Exception e)
        {
            // The batch's outcome stands (committed, or the error that ends it): this connection must not be used again,
            // so the database's pool is emptied (connections in use close as they are returned).
            _log.LogWarning(e, "Could not set SQLite's temp_store back to its default; the database's connection pool is cleared.");
            SqliteConnection.ClearPool((SqliteConnection)_db.Database.GetDbConnection());
        }
        finally
        {
            await _db.Database.CloseConnectionAsync();
        }
    }
}
