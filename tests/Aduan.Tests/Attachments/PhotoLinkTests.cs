using System.Net;
using Aduan.Attachments;
using Aduan.Complaints;
using Aduan.Identity;
using Aduan.Tests.Support;
using Aduan.Tests.Transparency;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Attachments;

/// <summary>Photos are linked by a random public id: counting the row numbers reaches nothing.</summary>
public sealed class PhotoLinkTests : IAsyncLifetime
{
    private readonly AduanFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<Attachment> AddPhotoAsync(string code) => _app.WithDbAsync(async db =>
    {
        var complaintId = await db.Complaints.Where(c => c.TrackingCode == code).Select(c => c.Id).SingleAsync();
        var followUp = await db.ComplaintEvents.Where(e => e.ComplaintId == complaintId && e.Type == ComplaintEventType.FollowUp)
            .Select(e => e.Sequence).SingleAsync();
        var photo = new Attachment
        {
            ComplaintId = complaintId, EventSequence = followUp, Visibility = EventVisibility.Public, FileName = "bukti.jpg",
            ContentType = "image/jpeg", Sha256 = new string('a', 64), Content = [0xFF, 0xD8, 0xFF, 0xD9], UploadedAt = AduanFactory.Start,
        };
        db.Attachments.Add(photo);
        await db.SaveChangesAsync();
        return photo;
    });

    [Fact]
    public async Task Photo_BySequentialIdOrByPublicId_OnlyThePublicIdServesIt()
    {
        var code = await new PublishedReports(_app).CreateAsync("Jalan berlubang di depan Pasar Baru.");
        var photo = await AddPhotoAsync(code);
        using var visitor = PageClient.For(_app);
        using var manager = await PageClient.SignedInAsync(_app, Roles.Manager);

        Assert.Matches("^[0-9a-f]{32}$", photo.PublicId);
        Assert.Equal(HttpStatusCode.OK, (await visitor.Http.GetAsync($"/laporan/{code}/foto/{photo.PublicId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.Http.GetAsync($"/staff/attachments/{photo.PublicId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.Http.GetAsync($"/laporan/{code}/foto/{photo.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.Http.GetAsync($"/staff/attachments/{photo.Id}")).StatusCode);
        var page = await manager.GetAsync("/staff/reports/" + code);
        Assert.Equal($"/staff/attachments/{photo.PublicId}", page.QuerySelector("[data-testid=timeline] img")!.GetAttribute("src"));
    }
}
