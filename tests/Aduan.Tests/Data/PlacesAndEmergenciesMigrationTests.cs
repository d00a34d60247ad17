using Aduan.Data;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Data;

/// <summary>The kecamatan centres and the emergency flag: seeded on a new database, and the centres once on an upgraded one.</summary>
public sealed class PlacesAndEmergenciesMigrationTests : IAsyncLifetime
{
    private readonly AduanFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<int> CentresAsync() =>
        _app.WithDbAsync(db => db.Agencies.CountAsync(a => a.Kind == "kecamatan" && a.Latitude != null && a.Longitude != null));

    [Fact]
    public async Task Seed_NewDatabase_HasEveryKecamatanCentreAndTheThreeEmergencies()
    {
        Assert.Equal(12, await CentresAsync());
        var emergencies = await _app.WithDbAsync(db => db.Categories.Where(c => c.IsEmergency).Select(c => c.Code).OrderBy(c => c).ToListAsync());
        Assert.Equal(["BANJIR", "BENCANA", "KEBAKARAN"], emergencies);
    }

    [Fact]
    public async Task Seed_UpgradedDatabaseWithoutCentres_FillsThemOnce_AndKeepsAnAdminsChangeAfterwards()
    {
        await _app.WithDbAsync(async db =>
        {
            var migrations = db.Database.GetMigrations().ToList();
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_PlacesAndEmergencies", StringComparison.Ordinal)) - 1]);
            await migrator.MigrateAsync();
            return 0;
        });
        Assert.Equal(0, await CentresAsync());

        await SeedAsync();
        Assert.Equal(12, await CentresAsync());
        await _app.WithDbAsync(db => db.Agencies.Where(a => a.Code == "KEC-RAWALUMBU").ExecuteUpdateAsync(s => s.SetProperty(a => a.Latitude, -6.2800)));
        await SeedAsync();

        Assert.Equal(-6.2800, await _app.WithDbAsync(db => db.Agencies.Where(a => a.Code == "KEC-RAWALUMBU").Select(a => a.Latitude).SingleAsync()));
    }

    private async Task SeedAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Seeder>().SeedAsync(CancellationToken.None);
    }
}
