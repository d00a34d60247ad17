using Aduan.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Data;

public static class DatabaseSetup
{
    /// <summary>
    /// SQLite under the data directory unless <c>ConnectionStrings:Aduan</c> says otherwise.
    /// Provider-specific settings stay in this folder.
    /// </summary>
    public static IServiceCollection AddAduanDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDbContext<AduanDbContext>((sp, options) =>
        {
            var aduan = sp.GetRequiredService<IOptions<AduanOptions>>().Value;
            var connectionString = configuration.GetConnectionString("Aduan")
                ?? new SqliteConnectionStringBuilder { DataSource = aduan.DatabasePath, Pooling = true }.ToString();
            options.UseSqlite(connectionString);
        });
        return services;
    }

    /// <summary>Creates the data directory, applies migrations, switches SQLite to WAL, seeds an empty database.</summary>
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
            await scope.ServiceProvider.GetRequiredService<Seeder>().SeedAsync(ct);
        }
    }
}
