using Aduan.Data.Postgres;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Data;

/// <summary>Keeps other writers off a table until the current transaction ends; readers go on.</summary>
public static class TableLock
{
    /// <summary>
    /// PostgreSQL: <c>LOCK TABLE … IN EXCLUSIVE MODE</c>. SQLite: nothing to do, its one writer at a time holds the
    /// whole database from the transaction's first write.
    /// </summary>
    public static async Task DailyCountsAsync(AduanDbContext db, CancellationToken ct)
    {
        if (db is PostgresAduanDbContext)
        {
            await db.Database.ExecuteSqlRawAsync("""LOCK TABLE "DailyCounts" IN EXCLUSIVE MODE""", ct);
        }
    }
}
