using Aduan.Complaints;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Aduan.Tests.Data;

/// <summary>The map cell of reports stored before it existed: the migration computes what the app computes at intake.</summary>
public sealed class DuplicateAreaIndexesMigrationTests : IAsyncLifetime
{
    private readonly AduanFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData(-6.2441, 107.0104)]
    [InlineData(-6.245, 107.005)] // on a cell border, where floor and rounding differ
    [InlineData(-6.3799, 106.9301)]
    public async Task Upgrade_ReportWithAPin_GetsTheCellIntakeGives(double lat, double lng)
    {
        var code = (await _app.CreateClient().SubmitAsync(TestApi.Report(
            "Jalan berlubang di depan sekolah.", "JALAN", location: new { kecamatan = "Bekasi Timur", lat, lng }))).TrackingCode;
        var atIntake = await _app.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == code).Select(c => c.MapCell).SingleAsync());

        await _app.WithDbAsync(async db =>
        {
            var migrations = db.Database.GetMigrations().ToList();
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_DuplicateAreaIndexes", StringComparison.Ordinal)) - 1]);
            await migrator.MigrateAsync();
            return 0;
        });
        var migrated = await _app.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == code).Select(c => c.MapCell).SingleAsync());

        Assert.Equal(ComplaintLocation.CellOf(lat, lng), atIntake);
        Assert.Equal(atIntake, migrated);
    }
}
