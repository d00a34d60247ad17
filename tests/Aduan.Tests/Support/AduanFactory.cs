using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aduan.Data;
using Aduan.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Aduan.Tests.Support;

/// <summary>
/// The real application over its own fresh database, with a fake clock that starts on Tuesday
/// 2 June 2026, 10:00 WIB (a working day). The database is a SQLite file in a temporary data
/// directory, or, when ADUAN_TEST_POSTGRES names a PostgreSQL server (test.sh starts one), a new
/// database on that server, dropped afterwards.
/// </summary>
public sealed class AduanFactory : WebApplicationFactory<Program>
{
    public const string Password = "Kata-Sandi-Uji-123";
    public static readonly DateTimeOffset Start = new(2026, 6, 2, 3, 0, 0, TimeSpan.Zero);

    /// <summary>A connection string to a PostgreSQL server where tests may create databases, or null for SQLite.</summary>
    public static readonly string? PostgresServer = Environment.GetEnvironmentVariable("ADUAN_TEST_POSTGRES");

    public static bool OnPostgres => PostgresServer is not null;

    private readonly Dictionary<string, string?> _settings;
    private string? _postgresDatabase;

    public AduanFactory()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "aduan-tests", Guid.NewGuid().ToString("N"));
        _settings = new Dictionary<string, string?>
        {
            ["Aduan:DataDirectory"] = DataDirectory,
            ["Aduan:IntakePerMinute"] = "100000",
            ["Aduan:LoginPerMinute"] = "100000",
            ["Aduan:PublicReadsPerMinute"] = "100000",

            // Statistics tests add reports and count again at once; caching has its own test.
            ["Aduan:Statistics:CacheDuration"] = "00:00:00",
            ["Aduan:OpenDataMaxAge"] = "00:00:00", // open data rebuilt on every request; the snapshot has its own test

            // Tests run the outbox, the deadline sweep and the digest publisher by hand under the fake clock.
            ["Aduan:Outbox:Enabled"] = "false",
            ["Aduan:Sweep:Enabled"] = "false",
            ["Aduan:Escalation:Enabled"] = "false",
            ["Aduan:Audit:PublishDigests"] = "false",
            ["Aduan:Notifications:DigestEnabled"] = "false",
            ["Aduan:Summaries:Enabled"] = "false",
            ["Aduan:Triage:RetrainEnabled"] = "false",

            // API tests sign managers and admins in with a password; the second factor has its own tests.
            ["Aduan:TwoFactor:RequiredFor"] = "",

            // Links the app writes name the host the test client calls (it is configured, never read from the request).
            ["Aduan:PublicBaseUrl"] = "http://localhost",
        };
        if (OnPostgres)
        {
            _postgresDatabase = "aduan_test_" + Guid.NewGuid().ToString("N");
            Postgres($"CREATE DATABASE {_postgresDatabase}");
            _settings["Database:Provider"] = "Postgres";
            _settings["ConnectionStrings:Aduan"] = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = _postgresDatabase }.ToString();
        }
    }

    /// <summary>What a command-line process needs to use this factory's database.</summary>
    public Dictionary<string, string> ProcessEnvironment
    {
        get
        {
            var env = new Dictionary<string, string>
            {
                ["Aduan__DataDirectory"] = DataDirectory,
                ["Aduan__TwoFactor__RequiredFor"] = _settings["Aduan:TwoFactor:RequiredFor"] ?? "",
            };
            if (OnPostgres)
            {
                env["Database__Provider"] = "Postgres";
                env["ConnectionStrings__Aduan"] = _settings["ConnectionStrings:Aduan"]!;
            }

            return env;
        }
    }

    private static void Postgres(string sql)
    {
        using var connection = new NpgsqlConnection(PostgresServer);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>A factory with extra settings, for tests that need their own app.</summary>
    public static AduanFactory With(params (string Key, string? Value)[] settings) => With(null, settings);

    /// <summary>As above, with more services for this app (see <see cref="TestServices"/>).</summary>
    public static AduanFactory With(Action<IServiceCollection>? testServices, params (string Key, string? Value)[] settings)
    {
        var factory = new AduanFactory { TestServices = testServices };
        foreach (var (k, v) in settings)
        {
            factory._settings[k] = v;
        }

        return factory;
    }

    public string DataDirectory { get; private set; }

    /// <summary>Keep the database when disposed, so that <see cref="Restart"/> can start the same app on it again.</summary>
    public bool KeepData { get; set; }

    /// <summary>A new app with this one's settings on its data (dispose this one with <see cref="KeepData"/> first): a restart.</summary>
    public AduanFactory Restart()
    {
        var next = new AduanFactory { Time = Time, TestServices = TestServices };
        if (next._postgresDatabase is not null)
        {
            Postgres($"DROP DATABASE IF EXISTS {next._postgresDatabase} WITH (FORCE)");
        }

        next.DataDirectory = DataDirectory;
        next._postgresDatabase = _postgresDatabase;
        foreach (var (key, value) in _settings)
        {
            next._settings[key] = value;
        }

        return next;
    }

    /// <summary>Serves on a real loopback port (Kestrel), for clients outside the test host; returns the base address.</summary>
    public Uri Listen(int port)
    {
        _settings["Aduan:PublicBaseUrl"] = $"http://127.0.0.1:{port}";
        UseKestrel(port);
        StartServer();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>A second app on this factory's database (a second instance), with its own settings and services.</summary>
    public AduanFactory SecondInstance()
    {
        var second = new AduanFactory { Time = Time };
        second._settings["Aduan:DataDirectory"] = DataDirectory;
        foreach (var key in new[] { "Database:Provider", "ConnectionStrings:Aduan" }.Where(_settings.ContainsKey))
        {
            second._settings[key] = _settings[key];
        }

        return second;
    }

    /// <summary>The fake clock; a test that starts elsewhere in the calendar (say, before Idul Fitri) gives its own.</summary>
    public FakeTimeProvider Time { get; init; } = new(Start);

    /// <summary>More services for this app (e.g. a test's own change subscriber), registered after the app's.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            TestServices?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (KeepData)
        {
            return;
        }

        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            Postgres($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)");
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp directory is harmless
        }
    }

    public async Task<T> WithDbAsync<T>(Func<AduanDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AduanDbContext>());
    }

    /// <summary>Creates a staff user (as the CLI does) and returns a client signed in as them.</summary>
    public async Task<HttpClient> StaffClientAsync(string role, string? agency = null, string? userName = null)
    {
        userName = await CreateUserAsync(role, agency, userName);
        var client = CreateClient();
        var token = await LoginAsync(client, userName, Password);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Creates a staff user with <see cref="Password"/>; returns the user name.</summary>
    public async Task<string> CreateUserAsync(string role, string? agency = null, string? userName = null)
    {
        userName ??= $"{role.ToLowerInvariant()}-{agency?.ToLowerInvariant() ?? "kota"}-{Guid.NewGuid():N}"[..40];
        await using (var scope = Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }

            var db = sp.GetRequiredService<AduanDbContext>();
            long? agencyId = agency is null ? null : await db.Agencies.Where(a => a.Code == agency).Select(a => a.Id).SingleAsync();
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            var user = new StaffUser { UserName = userName, DisplayName = "Petugas " + userName, AgencyId = agencyId };
            Check(await users.CreateAsync(user, Password));
            Check(await users.AddToRoleAsync(user, role));
        }

        return userName;
    }

    public static async Task<string> LoginAsync(HttpClient client, string userName, string password = Password)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("accessToken").GetString()!;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
