using System.Net;
using Aduan.Attachments;
using Aduan.Complaints;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Transparency;

/// <summary>Follow-up photos on the public report page: only public photos of published reports.</summary>
public sealed class PublicPhotoTests : IAsyncLifetime
{
    private readonly AduanFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<string> AddPhotoAsync(string code, EventVisibility visibility) => _app.WithDbAsync(async db =>
    {
        var complaintId = await db.Complaints.Where(c => c.TrackingCode == code).Select(c => c.Id).SingleAsync();
        var followUp = await db.ComplaintEvents.Where(e => e.ComplaintId == complaintId && e.Type == ComplaintEventType.FollowUp)
            .Select(e => e.Sequence).SingleAsync();
        var photo = new Attachment
        {
            ComplaintId = complaintId, EventSequence = followUp, Visibility = visibility, FileName = "bukti.jpg", ContentType = "image/jpeg",
            Width = 4, Height = 3, Size = 4, Sha256 = new string('a', 64), Content = [0xFF, 0xD8, 0xFF, 0xD9], UploadedAt = AduanFactory.Start,
        };
        db.Attachments.Add(photo);
        await db.SaveChangesAsync();
        return photo.PublicId;
    });

    [Fact]
    public async Task Photo_PublicPhotoOfPublishedReport_IsServedOthersAreNotFound()
    {
        var reports = new PublishedReports(_app);
        var published = await reports.CreateAsync("Jalan berlubang di depan Pasar Baru.");
        var confidential = await reports.CreateAsync("Pungutan liar di loket parkir Stasiun Bekasi.", privacy: "Confidential");
        var shown = await AddPhotoAsync(published, EventVisibility.Public);
        var staffOnly = await AddPhotoAsync(published, EventVisibility.Staff);
        var secret = await AddPhotoAsync(confidential, EventVisibility.Public);
        using var visitor = PageClient.For(_app);

        var page = await visitor.GetAsync("/laporan/" + published);
        using var photo = await visitor.Http.GetAsync($"/laporan/{published}/foto/{shown}");

        Assert.Equal($"/laporan/{published}/foto/{shown}", Assert.Single(page.QuerySelectorAll("[data-testid=timeline] img")).GetAttribute("src"));
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType?.MediaType);
        foreach (var url in new[] { $"/laporan/{published}/foto/{staffOnly}", $"/laporan/{confidential}/foto/{secret}", $"/laporan/{published}/foto/{secret}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await visitor.Http.GetAsync(url)).StatusCode);
        }
    }
}
