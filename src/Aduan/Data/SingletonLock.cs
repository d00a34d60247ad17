using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Aduan.Data.Postgres;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aduan.Data;

/// <summary>
/// "Only one instance runs this now": for scheduled jobs when several app instances share a
/// database. PostgreSQL: a session advisory lock held on its own connection, released when the
/// job ends or, if the process dies, when the connection drops. SQLite serves one instance, so a
/// lock inside the process is enough there.
/// </summary>
public sealed class SingletonLock(AduanDbContext db, IConfiguration configuration)
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> InProcess = new();

    /// <summary>The lock, or null when another instance (or another run here) holds it.</summary>
    public Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken ct) => AcquireAsync(name, wait: false, ct);

    /// <summary>The lock, once whoever holds it now lets go.</summary>
    public async Task<IAsyncDisposable> WaitAsync(string name, CancellationToken ct) => (await AcquireAsync(name, wait: true, ct))!;

    private async Task<IAsyncDisposable?> AcquireAsync(string name, bool wait, CancellationToken ct)
    {
        if (db is PostgresAduanDbContext)
        {
            // Its own connection (from the configuration: an opened connection's string has no password),
            // held for as long as the lock.
            var connection = new NpgsqlConnection(configuration.GetConnectionString("Aduan"));
            try
            {
                await connection.OpenAsync(ct);
                var sql = wait ? "SELECT pg_advisory_lock($1) IS NOT NULL" : "SELECT pg_try_advisory_lock($1)";
                await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = Key(name) } } };
                if (await command.ExecuteScalarAsync(ct) is true)
                {
                    return new AdvisoryLock(connection, Key(name));
                }
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }

            await connection.DisposeAsync();
            return null;
        }

        // Per database file: several hosts in one process (tests) each have their own.
        var semaphore = InProcess.GetOrAdd(name + "@" + db.Database.GetConnectionString(), _ => new SemaphoreSlim(1, 1));
        return await semaphore.WaitAsync(wait ? Timeout.Infinite : 0, ct) ? new Release(semaphore) : null;
    }

    /// <summary>A stable 64-bit key for a job name (advisory locks are numbered).</summary>
    public static long Key(string name) => BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("aduan:" + name)));

    private sealed class AdvisoryLock(NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using (connection)
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection) { Parameters = { new() { Value = key } } };
                await command.ExecuteScalarAsync();
            }
        }
    }

    private sealed class Release(SemaphoreSlim semaphore) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            semaphore.Release();
            return ValueTask.CompletedTask;
        }
    }
}
