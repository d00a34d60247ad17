using Npgsql;

namespace Aduan.Bench.Hosting;

/// <summary>
/// The PostgreSQL server the benchmark uses: the one named by <c>ADUAN_BENCH_POSTGRES</c> (a
/// connection string to a database where we may create databases), or a throwaway cluster
/// started here (initdb in a temporary directory, a free loopback port) and removed at the end.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string? _clusterDir;
    private readonly string? _pgBin;
    private readonly List<string> _created = [];

    private PostgresServer(string adminConnectionString, string? clusterDir, string? pgBin)
    {
        AdminConnectionString = adminConnectionString;
        _clusterDir = clusterDir;
        _pgBin = pgBin;
    }

    public string AdminConnectionString { get; }

    /// <summary>The server of <c>ADUAN_BENCH_POSTGRES</c>, not a throwaway cluster of this run.</summary>
    public bool IsExternal => _clusterDir is null;

    public static async Task<PostgresServer> StartAsync(CancellationToken ct)
    {
        if (Environment.GetEnvironmentVariable("ADUAN_BENCH_POSTGRES") is { Length: > 0 } external)
        {
            Console.WriteLine("==> Using the PostgreSQL server of ADUAN_BENCH_POSTGRES");
            return new PostgresServer(external, null, null);
        }

        var pgBin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault()
            : null;
        if (pgBin is null)
        {
            throw new InvalidOperationException(
                "PostgreSQL was not found under /usr/lib/postgresql: apt-get install -y postgresql, or set ADUAN_BENCH_POSTGRES.");
        }

        var dir = Directory.CreateTempSubdirectory("aduan-bench-pg-").FullName;
        var server = new PostgresServer("", dir, pgBin);
        try
        {
            var port = AppInstance.FreePort();
            Console.WriteLine($"==> Starting a throwaway PostgreSQL ({pgBin}) on 127.0.0.1:{port}");
            if (Environment.UserName == "root")
            {
                await Run("chown", ["postgres:postgres", dir], ct);
            }

            await server.AsPostgres("initdb", ["-D", Path.Combine(dir, "data"), "-A", "trust", "-U", "postgres", "-E", "UTF8"], ct);

            // Durable as shipped (fsync and synchronous_commit on): intake numbers mean acknowledged reports are on disk.
            await server.AsPostgres("pg_ctl", ["-D", Path.Combine(dir, "data"), "-l", Path.Combine(dir, "log"), "-w", "-t", "60",
                "-o", $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB", "start"], ct);
            return new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres", dir, pgBin);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates an empty database and returns its connection string (for the app and for loading).</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct)
    {
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync(ct);
            await Execute(connection, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", ct);
            await Execute(connection, $"CREATE DATABASE \"{name}\"", ct);
        }

        _created.Add(name);
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, MaxPoolSize = 200 }.ToString();
    }

    public async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await Execute(connection, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None);
        _created.Remove(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_clusterDir is null)
        {
            if (Environment.GetEnvironmentVariable("ADUAN_BENCH_KEEP") == "1")
            {
                return;
            }

            foreach (var name in _created.ToList())
            {
                await DropDatabaseAsync(name);
            }

            return;
        }

        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(_clusterDir, "data", "postmaster.pid")))
        {
            await AsPostgres("pg_ctl", ["-D", Path.Combine(_clusterDir, "data"), "-m", "fast", "-w", "stop"], CancellationToken.None);
        }

        Directory.Delete(_clusterDir, recursive: true);
    }

    private async Task AsPostgres(string tool, string[] args, CancellationToken ct)
    {
        var path = Path.Combine(_pgBin!, tool);
        if (Environment.UserName == "root")
        {
            await Run("runuser", ["-u", "postgres", "--", path, .. args], ct);
        }
        else
        {
            await Run(path, args, ct);
        }
    }

    private static async Task Run(string program, string[] args, CancellationToken ct)
    {
        var (exit, output) = await AppInstance.RunAsync("/", program, args, null, ct);
        if (exit != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {exit}:\n{output}");
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
