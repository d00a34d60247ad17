using Aduan.Attachments;
using Aduan.Complaints;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Aduan.Tests.Data;

/// <summary>The AttachmentPublicIds migration on a database that already holds photos (SQLite, and PostgreSQL where the suite runs on it).</summary>
public sealed class AttachmentPublicIdsMigrationTests : IAsyncLifetime
{
    private readonly AduanFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Migrate_FromInitialWithPhotosStored_GivesEachPhotoItsOwnRandomPublicId()
    {
        var code = (await _app.CreateClient().SubmitAsync()).TrackingCode;
        await _app.WithDbAsync(async db =>
        {
            var complaintId = await db.Complaints.Where(c => c.TrackingCode == code).Select(c => c.Id).SingleAsync();
            for (var i = 0; i < 3; i++)
            {
                db.Attachments.Add(new Attachment
                {
                    ComplaintId = complaintId, EventSequence = 1, Visibility = EventVisibility.Reporter, FileName = $"foto{i}.jpg",
                    ContentType = "image/jpeg", Sha256 = new string('a', 64), Content = [0xFF, 0xD8, 0xFF, 0xD9], UploadedAt = AduanFactory.Start,
                });
            }

            return await db.SaveChangesAsync();
        });

        // Back to the schema before public ids (the column goes), and forward again, as an upgraded server would.
        await _app.WithDbAsync(async db =>
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(db.Database.GetMigrations().Single(m => m.EndsWith("_Initial", StringComparison.Ordinal)));
            await migrator.MigrateAsync();
            return 0;
        });

        var ids = await _app.WithDbAsync(db => db.Attachments.Select(a => a.PublicId).ToListAsync());
        Assert.Equal(3, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(Attachment.IsPublicId(id), id));
    }
}
