using System.Net;
using Aduan.Attachments;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Tests.Support;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Aduan.Tests.Pages.Portal;

/// <summary>The citizen's journeys through /lapor and /lacak as plain HTML forms (no JavaScript).</summary>
public sealed class PortalTests : IAsyncLifetime
{
    private const string Pothole = "Jalan di depan SDN Margahayu 5 berlubang besar dan membahayakan pengendara motor.";
    private readonly AduanFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Code(IHtmlDocument page) => page.QuerySelector("[data-testid=tracking-code]")!.TextContent.Trim();

    private static async Task<IHtmlDocument> ReportAsync(PageClient citizen, string text = Pothole, string privacy = "Public",
        string category = "JALAN", string phone = "", (string, string, string, byte[])? photo = null)
    {
        var page = await citizen.GetAsync("/lapor");
        return await citizen.SubmitAsync(page, "#report", new()
        {
            ["Report.Text"] = text, ["Report.Category"] = category, ["Report.Privacy"] = privacy,
            ["Report.Location.Kecamatan"] = "Bekasi Timur", ["Report.Location.Address"] = "Jl. Margahayu Raya",
            ["Report.Reporter.Phone"] = phone,
        }, file: photo);
    }

    private async Task ApplyAsync(string code, Func<AduanDbContext, Task<ComplaintCommand>> command, Actor actor)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        var workflow = scope.ServiceProvider.GetRequiredService<ComplaintWorkflow>();
        var complaint = await workflow.ForChange().SingleAsync(c => c.TrackingCode == code);
        await workflow.ApplyAsync(complaint, await command(db), actor, CancellationToken.None);
    }

    /// <summary>A report by another citizen that a manager verified and dispatched: published.</summary>
    private async Task<string> PublishedAsync(string text = Pothole, string privacy = "Public")
    {
        using var other = PageClient.For(_app);
        var code = Code(await ReportAsync(other, text, privacy));
        await ApplyAsync(code, async db => new DispatchCommand(await db.Agencies.SingleAsync(a => a.Code == "DBMSDA"), [], null), ComplaintBuilder.Manager);
        return code;
    }

    [Fact]
    public async Task Submit_TextWithANoncharacter_ShowsTheErrorBesideTheField()
    {
        using var citizen = PageClient.For(_app);

        var page = await ReportAsync(citizen, text: "Jalan berlubang besar\uFFFE di depan sekolah dasar.");

        Assert.Equal(HttpStatusCode.OK, citizen.Status);
        Assert.Null(page.QuerySelector("[data-testid=tracking-code]"));
        Assert.Contains("bukan teks", PageClient.Text(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_WithTypedKecamatanAndPhoto_ShowsCodeAndKeyAndStoresThePhotoForStaffAndReporterOnly()
    {
        using var citizen = PageClient.For(_app);

        var page = await ReportAsync(citizen, phone: "0812 7777 1234", photo: ("Report.Photos", "lubang.png", "image/png", Png()));

        var code = Code(page);
        Assert.True(TrackingCode.TryNormalize(code, out _), PageClient.Text(page));
        var key = page.QuerySelector("[data-testid=reporter-key]")!.TextContent.Trim();
        Assert.Contains($"/lacak/{code}#kunci=", page.QuerySelector("[data-testid=tracking-link]")!.GetAttribute("href"), StringComparison.Ordinal);
        var stored = await _app.WithDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.TrackingCode == code));
        Assert.Equal(("Bekasi Timur", "+6281277771234", Channel.Web), (stored.Location.Kecamatan, stored.Reporter.Phone, stored.Channel));
        Assert.True(ReporterKey.Matches(key, stored.ReporterKeyHash));
        var photo = await _app.WithDbAsync(db => db.Attachments.AsNoTracking().SingleAsync(a => a.ComplaintId == stored.Id));
        Assert.Equal((1, EventVisibility.Reporter), (photo.EventSequence, photo.Visibility));
        var submitted = await _app.WithDbAsync(db => db.ComplaintEvents.AsNoTracking().SingleAsync(e => e.ComplaintId == stored.Id && e.Sequence == 1));
        Assert.Contains(photo.Sha256, submitted.Data, StringComparison.Ordinal);
        using var anonymous = _app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"/staff/attachments/{photo.PublicId}")).StatusCode);
    }

    [Fact]
    public async Task Track_WithKey_ShowsPrivateQuestionAndTheReplyIsRecorded_WithoutKeyNeither()
    {
        using var citizen = PageClient.For(_app);
        var page = await ReportAsync(citizen);
        var code = Code(page);
        var key = page.QuerySelector("[data-testid=reporter-key]")!.TextContent.Trim();
        await ApplyAsync(code, _ => Task.FromResult<ComplaintCommand>(new DeferCommand("Di RT berapa tepatnya?")), ComplaintBuilder.Manager);

        var publicPage = await citizen.GetAsync("/lacak/" + code.ToLowerInvariant());
        Assert.DoesNotContain("Di RT berapa", PageClient.Text(publicPage), StringComparison.Ordinal);
        Assert.Null(publicPage.QuerySelector("#reply"));
        var own = await citizen.GetAsync($"/lacak/{code}?kunci={Uri.EscapeDataString(key)}");
        Assert.Contains("Di RT berapa", own.QuerySelector("[data-testid=timeline]")!.TextContent, StringComparison.Ordinal);

        page = await citizen.SubmitAsync(own, "#reply", new() { ["ReplyText"] = "RT 03 RW 07, depan warung Bu Sri." });

        Assert.NotNull(page.QuerySelector("[data-testid=done]"));
        Assert.Contains("RT 03 RW 07", page.QuerySelector("[data-testid=timeline]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#reply input[name=kunci]"));
        Assert.Equal(ComplaintStatus.Submitted, await _app.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == code).Select(c => c.Status).SingleAsync()));
    }

    [Fact]
    public async Task Track_AfterFinalFollowUp_AcceptWithRatingResolvesTheReport()
    {
        using var citizen = PageClient.For(_app);
        var page = await ReportAsync(citizen);
        var code = Code(page);
        var key = page.QuerySelector("[data-testid=reporter-key]")!.TextContent.Trim();
        await ApplyAsync(code, async db => new DispatchCommand(await db.Agencies.SingleAsync(a => a.Code == "DBMSDA"), [], null), ComplaintBuilder.Manager);
        await ApplyAsync(code, _ => Task.FromResult<ComplaintCommand>(new FollowUpCommand("Lubang sudah ditambal.", Final: true)), ComplaintBuilder.Manager);
        var own = await citizen.GetAsync($"/lacak/{code}?kunci={Uri.EscapeDataString(key)}");

        var refused = await citizen.SubmitAsync(own, "#accept", []);
        page = await citizen.SubmitAsync(refused, "#accept", new() { ["Rating"] = "4" });

        Assert.NotNull(refused.QuerySelector("#error-Rating"));
        Assert.NotNull(page.QuerySelector("[data-testid=done]"));
        var stored = await _app.WithDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.TrackingCode == code));
        Assert.Equal((ComplaintStatus.Resolved, (int?)4), (stored.Status, stored.Rating));
    }

    [Fact]
    public async Task Submit_NearAnOpenReport_OffersItAndSupportIsCountedOncePerSupporter()
    {
        var existing = await PublishedAsync();
        using var second = PageClient.For(_app);

        var page = await ReportAsync(second, text: "Ada lubang besar di Jl. Margahayu Raya, motor sering jatuh.");
        Assert.Contains(existing, page.QuerySelector("[data-testid=similar]")!.TextContent, StringComparison.Ordinal);
        var tracked = await second.SubmitAsync(page, "#report", [], button: $"button[value='{existing}']");
        var again = await second.SubmitAsync(page, "#report", [], button: $"button[value='{existing}']");
        using var third = PageClient.For(_app);
        var other = await ReportAsync(third, text: "Jalan Margahayu berlubang, tolong segera ditambal.");
        await third.SubmitAsync(other, "#report", [], button: $"button[value='{existing}']");

        Assert.Equal("1", tracked.QuerySelector("[data-testid=supporters]")!.TextContent.Trim());
        Assert.Equal("1", again.QuerySelector("[data-testid=supporters]")!.TextContent.Trim());
        Assert.Equal(2, await _app.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == existing).Select(c => c.Supporters).SingleAsync()));
        Assert.Equal(1, await _app.WithDbAsync(db => db.Complaints.CountAsync()));
    }

    [Fact]
    public async Task Submit_NearAnOpenReport_SendAnywayStoresTheCitizensOwnReport()
    {
        var existing = await PublishedAsync();
        using var second = PageClient.For(_app);
        var offer = await ReportAsync(second, text: "Ada lubang besar di Jl. Margahayu Raya, motor sering jatuh.");
        Assert.Contains(existing, offer.QuerySelector("[data-testid=similar]")!.TextContent, StringComparison.Ordinal);

        var sent = await second.SubmitAsync(offer, "#report", [], button: "[data-testid=send]");

        var code = Code(sent);
        Assert.NotEqual(existing, code);
        Assert.Equal(2, await _app.WithDbAsync(db => db.Complaints.CountAsync()));
    }

    [Fact]
    public async Task Support_WithAMadeUpPhone_IsAnErrorBesideTheFieldAndNotCounted()
    {
        var existing = await PublishedAsync();
        using var citizen = PageClient.For(_app);
        var offer = await ReportAsync(citizen, text: "Ada lubang besar di Jl. Margahayu Raya, motor sering jatuh.", phone: "0812 7777 1234");

        var refused = await citizen.SubmitAsync(offer, "#report", new() { ["Report.Reporter.Phone"] = "12345" }, button: $"button[value='{existing}']");

        Assert.False(string.IsNullOrWhiteSpace(refused.QuerySelector("#error-Report_Reporter_Phone")?.TextContent), PageClient.Text(refused));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == existing).Select(c => c.Supporters).SingleAsync()));
    }

    [Fact]
    public async Task Support_SameNumberSpelledTwoWays_CountedOnce()
    {
        var existing = await PublishedAsync();
        foreach (var phone in new[] { "0812 7777 1234", "+62-812-7777-1234" })
        {
            using var citizen = PageClient.For(_app);
            var offer = await ReportAsync(citizen, text: "Ada lubang besar di Jl. Margahayu Raya, motor sering jatuh.", phone: phone);
            await citizen.SubmitAsync(offer, "#report", [], button: $"button[value='{existing}']");
        }

        Assert.Equal(1, await _app.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == existing).Select(c => c.Supporters).SingleAsync()));
    }

    [Fact]
    public async Task Submit_AnotherReportsNikNearby_OffersNothingAndStoresTheReport()
    {
        await PublishedAsync(text: "Lampu jalan padam di Gang Kenanga, NIK saya 3275012345670001.");
        using var second = PageClient.For(_app);

        // Without a category, the offer searches the two longest words: here, only the NIK.
        var page = await ReportAsync(second, text: "3275012345670001 3275012345670001", category: "");

        Assert.Null(page.QuerySelector("[data-testid=similar]"));
        Assert.NotNull(page.QuerySelector("[data-testid=tracking-code]"));
    }

    [Fact]
    public async Task Submit_NearAConfidentialReport_NeverShowsItAndStoresTheNewReport()
    {
        await PublishedAsync(privacy: "Confidential");
        using var second = PageClient.For(_app);

        var page = await ReportAsync(second);

        Assert.Null(page.QuerySelector("[data-testid=similar]"));
        Assert.NotNull(page.QuerySelector("[data-testid=tracking-code]"));
    }

    [Fact]
    public async Task Submit_NearAnUnverifiedReport_NeverShowsItAndStoresTheNewReport()
    {
        using var first = PageClient.For(_app);
        var unverified = Code(await ReportAsync(first));
        using var second = PageClient.For(_app);

        var page = await ReportAsync(second);

        Assert.Null(page.QuerySelector("[data-testid=similar]"));
        Assert.DoesNotContain(unverified, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-testid=tracking-code]"));
    }

    [Fact]
    public async Task Submit_NearAReportWithAPhoneAtTheExcerptsEnd_OffersItMasked()
    {
        // The phone number straddles the excerpt's length: masking must see it whole.
        var text = "Lubang di jalan " + new string('x', 130) + " hubungi 0812 3456 7890 segera";
        await PublishedAsync(text);
        using var second = PageClient.For(_app);

        var page = await ReportAsync(second, text: "Ada lubang besar di Jl. Margahayu Raya, motor sering jatuh.");

        var similar = page.QuerySelector("[data-testid=similar]")!.TextContent;
        Assert.DoesNotContain("0812", similar, StringComparison.Ordinal);
        Assert.DoesNotContain("3456", similar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_BadInput_ShowsMessagesBesideTheFieldsAndStoresNothing()
    {
        using var citizen = PageClient.For(_app);
        var page = await citizen.GetAsync("/lapor");

        page = await citizen.SubmitAsync(page, "#report", new()
        {
            ["Report.Text"] = "pendek", ["Report.Location.Kecamatan"] = "Atlantis", ["Report.Reporter.Phone"] = "12",
        });

        Assert.Equal(HttpStatusCode.OK, citizen.Status);
        foreach (var field in new[] { "Report_Text", "Report_Location_Kecamatan", "Report_Reporter_Phone" })
        {
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("#error-" + field)?.TextContent), field);
        }

        Assert.Equal("pendek", ((IHtmlTextAreaElement)page.QuerySelector("#Report_Text")!).Value);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Complaints.CountAsync()));
    }

    [Fact]
    public async Task Track_UnknownOrMalformedCode_SaysSoBesideTheField()
    {
        using var citizen = PageClient.For(_app);

        var malformed = await citizen.GetAsync("/lacak?code=zzz");
        var unknown = await citizen.GetAsync("/lacak/" + TrackingCode.New());

        Assert.False(string.IsNullOrWhiteSpace(malformed.QuerySelector("#error-Code")?.TextContent));
        Assert.Equal(HttpStatusCode.NotFound, citizen.Status);
        Assert.False(string.IsNullOrWhiteSpace(unknown.QuerySelector("#error-Code")?.TextContent));
    }

    private static byte[] Png()
    {
        using var bitmap = new SKBitmap(40, 30);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
