using Aduan.Data.Postgres;
using Aduan.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Data;

/// <summary>
/// Claims due outbox messages for one instance in a single statement. On PostgreSQL the candidate
/// rows are taken <c>FOR UPDATE SKIP LOCKED</c>, so instances polling at once never claim the same
/// message and never wait for each other; SQLite has one writer, so it needs no such clause.
/// </summary>
public static class OutboxClaims
{
    public static async Task<List<long>> ClaimAsync(AduanDbContext db, string instance, DateTimeOffset now, DateTimeOffset leaseUntil,
        int batchSize, CancellationToken ct)
    {
        var pending = nameof(OutboxStatus.Pending);
        if (db is PostgresAduanDbContext)
        {
            return await db.Database.SqlQuery<long>($"""
                UPDATE "OutboxMessages" SET "LockedUntil" = {leaseUntil}, "LockedBy" = {instance}
                WHERE "Id" IN (
                    SELECT "Id" FROM "OutboxMessages"
                    WHERE "Status" = {pending} AND "NextAttemptAt" <= {now} AND ("LockedUntil" IS NULL OR "LockedUntil" < {now})
                    ORDER BY "NextAttemptAt" LIMIT {batchSize}
                    FOR UPDATE SKIP LOCKED)
                RETURNING "Id" AS "Value"
                """).ToListAsync(ct);
        }

        // Instants are stored as UTC ticks on SQLite (see SqliteAduanDbContext).
        return await db.Database.SqlQuery<long>($"""
            UPDATE "OutboxMessages" SET "LockedUntil" = {leaseUntil.UtcTicks}, "LockedBy" = {instance}
            WHERE "Id" IN (
                SELECT "Id" FROM "OutboxMessages"
                WHERE "Status" = {pending} AND "NextAttemptAt" <= {now.UtcTicks} AND ("LockedUntil" IS NULL OR "LockedUntil" < {now.UtcTicks})
                ORDER BY "NextAttemptAt" LIMIT {batchSize})
            RETURNING "Id" AS "Value"
            """).ToListAsync(ct);
    }
}
