using System.Net;
using Aduan.Complaints;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Complaints;

/// <summary>The desk's verify: classification and dispatch as one command, in one transaction.</summary>
public sealed class VerifyTests(AduanFactory factory) : IClassFixture<AduanFactory>
{
    private readonly HttpClient _public = factory.CreateClient();

    [Fact]
    public async Task Verify_NewCategory_ClassifiesAndDispatchesToItsAgencyInOneVersion()
    {
        var manager = await factory.StaffClientAsync("Manager");
        var created = await _public.SubmitAsync(TestApi.Report(text: "Puskesmas Bekasi Jaya tutup pada jam pelayanan, warga tidak bisa berobat."));

        var verified = await manager.ActOkAsync(created.TrackingCode,
            new { action = "verify", category = "KESEHATAN", priority = "High", version = 0, note = "Mohon segera dicek." });

        Assert.Equal("Dispatched", verified.Status);
        Assert.Equal("KESEHATAN", verified.Category!.Code);
        Assert.Equal("DINKES", verified.Agency!.Code); // the new category's default agency
        Assert.Equal(1, verified.Version);
        Assert.Equal(["Submitted", "Classified", "Dispatched", "Note"], verified.Timeline.Select(e => e.Type));
    }

    [Fact]
    public async Task Verify_NothingToClassify_OnlyDispatches()
    {
        var manager = await factory.StaffClientAsync("Manager");
        var created = await _public.SubmitAsync();

        var verified = await manager.ActOkAsync(created.TrackingCode, new { action = "verify", category = "jalan", agency = "DBMSDA" });

        Assert.Equal(["Submitted", "Dispatched"], verified.Timeline.Select(e => e.Type));
    }

    [Fact]
    public async Task Verify_DispatchRefused_ClassificationNotStoredEither()
    {
        var manager = await factory.StaffClientAsync("Manager");
        var created = await _public.SubmitAsync(TestApi.Report(category: null));

        // The classification is valid on its own; the dispatch is refused (no category), so neither is stored.
        var response = await manager.ActAsync(created.TrackingCode, new { action = "verify", kind = "Aspiration", priority = "Urgent", agency = "DBMSDA" });

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("urn:aduan:problem:rule", problem.GetProperty("type").GetString());
        var stored = await factory.WithDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.TrackingCode == created.TrackingCode));
        Assert.Equal((ComplaintStatus.Submitted, ComplaintKind.Complaint, Priority.Normal, 1, 0),
            (stored.Status, stored.Kind, stored.Priority, stored.EventCount, stored.Version));
    }

    [Fact]
    public async Task Verify_UnknownAgency_400NamingTheFieldAndNothingChanged()
    {
        var manager = await factory.StaffClientAsync("Manager");
        var created = await _public.SubmitAsync();

        var response = await manager.ActAsync(created.TrackingCode, new { action = "verify", priority = "High", agency = "DINAS-ANTAH" });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("agency", out _));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == created.TrackingCode).Select(c => c.Version).SingleAsync()));
    }

    [Fact]
    public async Task Verify_ByOfficer_403()
    {
        var manager = await factory.StaffClientAsync("Manager");
        var officer = await factory.StaffClientAsync("AgencyOfficer", "DBMSDA");
        var created = await _public.SubmitAsync();
        await manager.ActOkAsync(created.TrackingCode, new { action = "dispatch" });

        var response = await officer.ActAsync(created.TrackingCode, new { action = "verify" });

        await response.ProblemAsync(HttpStatusCode.Forbidden);
    }
}
