using Aduan.Complaints;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Aduan.Tests.Data;

/// <summary>The Notifications migration on a database that already holds reports (SQLite, and PostgreSQL where the suite runs on it).</summary>
public sealed class NotificationsMigrationTests : IAsyncLifetime
{
    private readonly AduanFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Migrate_FromBeforeWithReports_ReportsWithAContactHearAsANewOneWould()
    {
        var client = _app.CreateClient();
        var both = (await client.SubmitAsync(TestApi.Report(reporter: new { phone = "0812-3456-7890", email = "a@contoh.id" }))).TrackingCode;
        var phone = (await client.SubmitAsync(TestApi.Report(reporter: new { phone = "0812-3456-7890" }))).TrackingCode;
        var none = (await client.SubmitAsync(TestApi.Report(reporter: new { name = "Budi" }))).TrackingCode;

        // Back to the schema before the choice (the columns go), and forward again, as an upgraded server would.
        await _app.WithDbAsync(async db =>
        {
            var migrations = db.Database.GetMigrations().ToList();
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_Notifications", StringComparison.Ordinal)) - 1]);
            await migrator.MigrateAsync();
            return 0;
        });

        var stored = await _app.WithDbAsync(db => db.Complaints.ToDictionaryAsync(c => c.TrackingCode, c => (c.NotifyBy, c.Language)));
        Assert.Equal((NotifyBy.Email, "id"), stored[both]);
        Assert.Equal((NotifyBy.Sms, "id"), stored[phone]);
        Assert.Equal((NotifyBy.None, "id"), stored[none]);
    }
}
