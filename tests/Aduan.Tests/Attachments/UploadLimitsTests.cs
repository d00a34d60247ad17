using System.Net;
using Aduan.Attachments;
using Aduan.Complaints;
using Aduan.Identity;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Attachments;

/// <summary>Photo uploads through the pages: a decompression bomb is refused beside the field, and nobody outside the report gets as far as the upload.</summary>
public sealed class UploadLimitsTests : IAsyncLifetime
{
    private readonly AduanFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private PhotoDecodeGate Gate => _app.Services.GetRequiredService<PhotoDecodeGate>();

    private async Task<string> DispatchedAsync(string agency)
    {
        using var api = await _app.StaffClientAsync(Roles.Manager);
        var submitted = await api.SubmitAsync(TestApi.Report(category: "KESEHATAN"));
        await api.ActOkAsync(submitted.TrackingCode, new { action = "dispatch", agency });
        return submitted.TrackingCode;
    }

    [Fact]
    public async Task Lapor_PhotoClaiming30000Squared_IsRefusedBesideTheFieldAndNothingStored()
    {
        using var citizen = PageClient.For(_app);
        var page = await citizen.GetAsync("/lapor");

        page = await citizen.SubmitAsync(page, "#report", new()
        {
            ["Report.Text"] = "Jalan di depan SDN Margahayu 5 berlubang besar dan membahayakan pengendara motor.",
            ["Report.Category"] = "JALAN", ["Report.Location.Kecamatan"] = "Bekasi Timur",
        }, file: ("Report.Photos", "bom.png", "image/png", TestImages.Claiming("png", 30000, 30000)));

        Assert.Equal(HttpStatusCode.OK, citizen.Status);
        Assert.Contains("30000×30000 piksel", page.QuerySelector("[data-valmsg-for='Report.Photos']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Complaints.CountAsync()));
        Assert.Equal(0, Gate.Decodes);
    }

    [Fact]
    public async Task FollowUp_PhotoClaimingHugeSize_IsRefusedBesideTheFieldAndNothingStored()
    {
        var code = await DispatchedAsync("DINKES");
        using var officer = await PageClient.SignedInAsync(_app, Roles.AgencyOfficer, "DINKES");
        var page = await officer.GetAsync("/staff/reports/" + code);

        page = await officer.SubmitAsync(page, "[data-testid=action-follow-up] form", new() { ["Form.Text"] = "Sudah ditangani." },
            file: ("Photos", "bukti.jpg", "image/jpeg", TestImages.Claiming("jpeg", 16000, 12000)));

        Assert.Contains("16000×12000", page.QuerySelector("[data-valmsg-for=Photos]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.ComplaintEvents.CountAsync(e => e.Type == ComplaintEventType.FollowUp)));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Attachments.CountAsync()));
        Assert.Equal(0, Gate.Decodes);
    }

    [Theory]
    [InlineData("bomb")]
    [InlineData("photo")]
    public async Task FollowUp_ByOfficerOfAnotherAgency_Is404BeforeAnyUploadIsRead(string upload)
    {
        var code = await DispatchedAsync("DINKES");
        using var officer = await PageClient.SignedInAsync(_app, Roles.AgencyOfficer, "DINKES");
        var form = await officer.GetAsync("/staff/reports/" + code);
        using var stranger = await PageClient.SignedInAsync(_app, Roles.AgencyOfficer, "DISDUKCAPIL");
        var own = await stranger.GetAsync("/staff/account");
        var token = own.QuerySelector("input[name=__af]")!.GetAttribute("value")!;
        var file = upload == "bomb" ? TestImages.Claiming("png", 30000, 30000) : TestImages.Jpeg(4000, 3000);
        var read = Gate.FilesRead;

        // The report's own follow-up form, posted by someone outside the report's scope with their own anti-forgery token.
        await stranger.SubmitAsync(form, "[data-testid=action-follow-up] form", new() { ["__af"] = token, ["Form.Text"] = "Sudah ditangani." },
            file: ("Photos", "bukti.jpg", "image/jpeg", file));

        Assert.Equal(HttpStatusCode.NotFound, stranger.Status);
        Assert.Equal(read, Gate.FilesRead);
        Assert.Equal(0, await _app.WithDbAsync(db => db.ComplaintEvents.CountAsync(e => e.Type == ComplaintEventType.FollowUp)));
    }

    [Fact]
    public async Task FollowUp_ByLeadershipWhoMayNotFollowUp_IsRefusedBeforeAnyUploadIsRead()
    {
        var code = await DispatchedAsync("DINKES");
        using var officer = await PageClient.SignedInAsync(_app, Roles.AgencyOfficer, "DINKES");
        var form = await officer.GetAsync("/staff/reports/" + code);
        using var leader = await PageClient.SignedInAsync(_app, Roles.Leadership);
        var own = await leader.GetAsync("/staff/reports/" + code);
        var token = own.QuerySelector("input[name=__af]")!.GetAttribute("value")!;
        var read = Gate.FilesRead;

        await leader.SubmitAsync(form, "[data-testid=action-follow-up] form", new() { ["__af"] = token, ["Form.Text"] = "Sudah ditangani." },
            file: ("Photos", "bukti.jpg", "image/jpeg", TestImages.Jpeg(4000, 3000)));

        Assert.Equal(read, Gate.FilesRead);
        Assert.Equal(0, await _app.WithDbAsync(db => db.ComplaintEvents.CountAsync(e => e.Type == ComplaintEventType.FollowUp)));
    }
}
