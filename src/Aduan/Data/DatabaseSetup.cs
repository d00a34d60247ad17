using System.Data.Common;
using Aduan.Data.Postgres;
using Aduan.Data.Sqlite;
using Aduan.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Aduan.Data;

public static class DatabaseSetup
{
    /// <summary>
    /// <c>Database:Provider</c> picks the engine when the context is first needed: SQLite under the
    /// data directory (or <c>ConnectionStrings:Aduan</c>), or PostgreSQL at <c>ConnectionStrings:Aduan</c>.
    /// Everything else asks for <see cref="AduanDbContext"/>; provider differences stay in this folder.
    /// </summary>
    public static IServiceCollection AddAduanDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section)
            .Validate(o => o.Provider != DatabaseProvider.Postgres || !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Aduan")),
                "Database:Provider is Postgres but ConnectionStrings:Aduan is empty: set it, e.g. Host=127.0.0.1;Port=5432;Database=aduan;Username=aduan;Password=...")
            .ValidateOnStart();
        // Pooled: a request reuses a reset context instead of building one and its internal services.
        services.AddDbContextPool<SqliteAduanDbContext>((sp, options) =>
        {
            var aduan = sp.GetRequiredService<IOptions<AduanOptions>>().Value;
            options.UseSqlite(configuration.GetConnectionString("Aduan")
                ?? new SqliteConnectionStringBuilder
                {
                    DataSource = aduan.DatabasePath,
                    Pooling = true,

                    // A statement that finds the database locked by another writer waits up to this long (SqliteConnectionSetup).
                    DefaultTimeout = 30,
                }.ToString());
            options.AddInterceptors([SqliteConnectionSetup.Instance, .. sp.GetServices<IInterceptor>()]);
        });

        // Interceptors registered as services (none in the app; tests record the SQL a piece of work runs) join both.
        services.AddDbContextPool<PostgresAduanDbContext>((sp, options) =>
            options.UseNpgsql(configuration.GetConnectionString("Aduan")).AddInterceptors(sp.GetServices<IInterceptor>()));
        services.AddScoped<AduanDbContext>(sp => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider switch
        {
            DatabaseProvider.Postgres => sp.GetRequiredService<PostgresAduanDbContext>(),
            _ => sp.GetRequiredService<SqliteAduanDbContext>(),
        });

        // Keys in the database: a token issued by one app instance is accepted by the others. Encrypted with
        // the configured certificate, so the database alone does not reveal them.
        var dataProtection = services.AddDataProtection().SetApplicationName("Aduan").PersistKeysToDbContext<AduanDbContext>();
        services.AddOptions<KeyProtectionOptions>().BindConfiguration(KeyProtectionOptions.Section)
            .Validate(o => o.IsUsable(), "Aduan:KeyProtection:CertificatePath must name a readable PKCS#12 (.pfx) file with its private key; check the path and Aduan:KeyProtection:CertificatePassword.")
            .ValidateOnStart();
        var keys = configuration.GetSection(KeyProtectionOptions.Section).Get<KeyProtectionOptions>();
        if (keys?.IsUsable() == true && keys.Load() is { } certificate)
        {
            // (An unusable one is reported at start, with the setting's name, before any key is used.)
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        services.AddScoped<Seeder>();
        services.AddScoped<SingletonLock>();
        return services;
    }

    /// <summary>For a connection the app opens outside EF Core: what EF Core's connections get as they open.</summary>
    public static void Opened(DbConnection connection) => SqliteConnectionSetup.Apply(connection);

    /// <summary>Creates the data directory, applies migrations, switches SQLite to WAL, seeds an empty database, counts an uncounted one.</summary>
    public static async Task PrepareAsync(IServiceProvider services, bool seed, CancellationToken ct)
    {
        var options = services.GetRequiredService<IOptions<AduanOptions>>().Value;
        Directory.CreateDirectory(options.DataDirectory);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers proceed while one writer commits; the mode persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        if (seed)
        {
            // Instances starting together on an empty database: one seeds while the others wait, then find it seeded.
            await using var held = await scope.ServiceProvider.GetRequiredService<SingletonLock>().WaitAsync("seed", ct);
            await scope.ServiceProvider.GetRequiredService<Seeder>().SeedAsync(ct);
        }

        // A database upgraded from before the dashboard's daily counts were kept: counted once, here.
        await scope.ServiceProvider.GetRequiredService<Supervision.DailyCountRebuild>().IfMissingAsync(ct);
    }
}
