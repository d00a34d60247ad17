using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Aduan.Bench.Hosting;

/// <summary>
/// A fresh, empty database for one part of the benchmark: what the app's environment must say to
/// use it, a direct connection for loading and sampling, and its size on disk.
/// </summary>
public abstract class BenchDatabase : IAsyncDisposable
{
    /// <summary>Limits raised so that rate limiting and load shedding never show in the numbers.</summary>
    private static readonly Dictionary<string, string> Unthrottled = new()
    {
        ["Aduan__IntakePerMinute"] = "1000000",
        ["Aduan__LoginPerMinute"] = "1000000",
        ["Aduan__PublicReadsPerMinute"] = "1000000",

        // The bench signs its manager in with a password alone: the second factor is not what it measures.
        ["Aduan__TwoFactor__RequiredFor"] = "",
        ["Aduan__MaxConcurrentRequests"] = "4096",
        ["Aduan__MaxQueuedRequests"] = "8192",

        // The scale phase trains the suggestion model once with the CLI, before the app starts: no training under the timed queries.
        ["Aduan__Triage__RetrainEnabled"] = "false",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
    };

    public abstract string Provider { get; }

    public abstract IReadOnlyDictionary<string, string> AppEnvironment { get; }

    public abstract DbConnection CreateConnection();

    public abstract Task<long> SizeBytesAsync(CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    protected static Dictionary<string, string> With(params (string Key, string Value)[] settings)
    {
        var environment = new Dictionary<string, string>(Unthrottled);
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        return environment;
    }
}

/// <summary>A temporary data directory; the app creates aduan.db in it.</summary>
public sealed class SqliteBenchDatabase : BenchDatabase
{
    private readonly string _dir = Directory.CreateTempSubdirectory("aduan-bench-").FullName;

    public override string Provider => "sqlite";

    public string File => Path.Combine(_dir, "aduan.db");

    public override IReadOnlyDictionary<string, string> AppEnvironment =>
        With(("Aduan__DataDirectory", _dir), ("Database__Provider", "Sqlite"));

    public override DbConnection CreateConnection() =>
        new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = File, Pooling = false }.ToString());

    /// <summary>The database file after a checkpoint, so nothing is left in the write-ahead log.</summary>
    public override async Task<long> SizeBytesAsync(CancellationToken ct)
    {
        await using (var connection = CreateConnection())
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await command.ExecuteNonQueryAsync(ct);
        }

        return new[] { File, File + "-wal" }.Where(System.IO.File.Exists).Sum(f => new FileInfo(f).Length);
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Environment.GetEnvironmentVariable("ADUAN_BENCH_KEEP") == "1")
        {
            // For looking at query plans afterwards: sqlite3 <dir>/aduan.db
            Console.WriteLine($"    kept the database: {File}");
            return ValueTask.CompletedTask;
        }

        Directory.Delete(_dir, recursive: true);
        return ValueTask.CompletedTask;
    }
}

/// <summary>A new database on the benchmark's PostgreSQL server, dropped at the end (kept with <c>ADUAN_BENCH_KEEP=1</c> on an external server).</summary>
public sealed class PostgresBenchDatabase(PostgresServer server, string name, string connectionString) : BenchDatabase
{
    public override string Provider => "postgres";

    public string ConnectionString => connectionString;

    public override IReadOnlyDictionary<string, string> AppEnvironment =>
        With(("Database__Provider", "Postgres"), ("ConnectionStrings__Aduan", connectionString));

    public static async Task<PostgresBenchDatabase> CreateAsync(PostgresServer server, string name, CancellationToken ct) =>
        new(server, name, await server.CreateDatabaseAsync(name, ct));

    public override DbConnection CreateConnection() => new NpgsqlConnection(connectionString);

    public override async Task<long> SizeBytesAsync(CancellationToken ct)
    {
        await using var connection = CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT pg_database_size(current_database())";
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public override async ValueTask DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable("ADUAN_BENCH_KEEP") == "1" && server.IsExternal)
        {
            // For looking at query plans afterwards; a throwaway cluster goes with its directory anyway.
            Console.WriteLine($"    kept the database: {name} on the server of ADUAN_BENCH_POSTGRES");
            return;
        }

        await server.DropDatabaseAsync(name);
    }
}
