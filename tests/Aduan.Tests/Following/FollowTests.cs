using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Following;
using Aduan.Notifications;
using Aduan.Outbox;
using Aduan.Privacy;
using Aduan.Tests.Support;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Following;

/// <summary>Following a report by e-mail or SMS, through the pages as a citizen without JavaScript uses them, to the outbox.</summary>
public sealed partial class FollowTests : IAsyncLifetime
{
    private const string Pothole = "Jalan di depan SDN Margahayu 5 berlubang besar dan membahayakan pengendara motor.";
    private readonly AduanFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A citizen's report through /lapor; its code and reporter key.</summary>
    private async Task<(string Code, string Key)> ReportAsync(string privacy = "Public")
    {
        using var reporter = PageClient.For(_app);
        var page = await reporter.SubmitAsync(await reporter.GetAsync("/lapor"), "#report", new()
        {
            ["Report.Text"] = Pothole, ["Report.Category"] = "JALAN", ["Report.Privacy"] = privacy,
            ["Report.Location.Kecamatan"] = "Bekasi Timur", ["Report.Location.Address"] = "Jl. Margahayu Raya",
        });
        return (page.QuerySelector("[data-testid=tracking-code]")!.TextContent.Trim(),
            page.QuerySelector("[data-testid=reporter-key]")!.TextContent.Trim());
    }

    private async Task ApplyAsync(string code, Func<AduanDbContext, Task<ComplaintCommand>> command)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        var workflow = scope.ServiceProvider.GetRequiredService<ComplaintWorkflow>();
        var complaint = await workflow.ForChange().SingleAsync(c => c.TrackingCode == code);
        await workflow.ApplyAsync(complaint, await command(db), ComplaintBuilder.Manager, CancellationToken.None);
    }

    private Task DispatchAsync(string code) =>
        ApplyAsync(code, async db => new DispatchCommand(await db.Agencies.SingleAsync(a => a.Code == "DBMSDA"), [], null));

    private Task FollowUpAsync(string code, string text) =>
        ApplyAsync(code, _ => Task.FromResult<ComplaintCommand>(new FollowUpCommand(text, Final: false)));

    private Task<List<OutboxMessage>> OutboxAsync(string keyPrefix) => _app.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
        .Where(m => m.IdempotencyKey.StartsWith(keyPrefix)).OrderBy(m => m.Id).ToListAsync());

    private static EmailPayload Email(OutboxMessage m) => JsonSerializer.Deserialize<EmailPayload>(m.Payload, JsonSerializerOptions.Web)!;

    private static string TokenIn(string text, string step) =>
        Regex.Match(text, $"/ikuti/{step}/([0-9a-f]+)") is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException(text);

    private static async Task<IHtmlDocument> FollowAsync(PageClient citizen, string page, string contact)
    {
        var shown = await citizen.GetAsync(page);
        return await citizen.SubmitAsync(shown, "#follow-form", new() { ["Contact"] = contact });
    }

    [Fact]
    public async Task FollowByEmail_ConfirmThenFollowUp_QueuesNewsUntilTheStopLinkIsPosted()
    {
        var (code, _) = await ReportAsync();
        await DispatchAsync(code);
        using var citizen = PageClient.For(_app);
        var address = SmtpServer.NewAddress();

        var asked = await FollowAsync(citizen, "/laporan/" + code, address.ToUpperInvariant());

        Assert.Contains("Periksa email Anda", PageClient.Text(asked), StringComparison.Ordinal);
        Assert.Equal("/laporan/" + code, citizen.Address!.AbsolutePath);
        var confirmation = Assert.Single(await OutboxAsync($"follow-confirm/{code}/"));
        Assert.Equal((EmailSender.MessageType, address), (confirmation.Type, Email(confirmation).To));
        var token = TokenIn(Email(confirmation).Text, "konfirmasi");

        // Unconfirmed: a follow-up reaches nobody, and opening the link (as a mail scanner would) confirms nothing.
        await FollowUpAsync(code, "Tim sudah meninjau lokasi.");
        using var raw = await citizen.Http.GetAsync("/ikuti/konfirmasi/" + token);
        Assert.Contains("no-store", raw.Headers.CacheControl!.ToString(), StringComparison.Ordinal); // the page holds the token
        var landing = await citizen.GetAsync("/ikuti/konfirmasi/" + token);
        Assert.Empty(await OutboxAsync($"follow/{code}/"));
        Assert.Null(await _app.WithDbAsync(db => db.ReportFollowers.Select(f => f.ConfirmedAt).SingleAsync()));

        var confirmed = await citizen.SubmitAsync(landing, "#follow-confirm", []);
        Assert.NotNull(confirmed.QuerySelector("[data-testid=following]"));
        await FollowUpAsync(code, "Lubang sudah ditambal sebagian, hubungi 0812 3456 7890.");

        var news = Assert.Single(await OutboxAsync($"follow/{code}/"));
        var mail = Email(news);
        Assert.Equal(address, mail.To);
        Assert.Contains("ditambal sebagian", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("3456 7890", mail.Text, StringComparison.Ordinal); // masked as the public page masks it
        var stop = TokenIn(mail.Text, "berhenti");

        var stopPage = await citizen.GetAsync("/ikuti/berhenti/" + stop);
        Assert.Equal(1, await _app.WithDbAsync(db => db.ReportFollowers.CountAsync()));
        await citizen.SubmitAsync(stopPage, "#follow-stop", []);
        await FollowUpAsync(code, "Penambalan selesai seluruhnya.");

        Assert.Equal(0, await _app.WithDbAsync(db => db.ReportFollowers.CountAsync()));
        Assert.Single(await OutboxAsync($"follow/{code}/"));
        Assert.NotNull((await citizen.GetAsync("/ikuti/berhenti/" + stop)).QuerySelector("[data-testid=follow-invalid]"));
    }

    [Fact]
    public async Task Follower_StaffOnlyAndReporterOnlyEvents_AreNotSent()
    {
        var (code, _) = await ReportAsync();
        await DispatchAsync(code);
        var follower = await ConfirmedFollowerAsync(code, "+6281277771234");

        await ApplyAsync(code, _ => Task.FromResult<ComplaintCommand>(new ClassifyCommand(null, null, null, Priority.High)));
        Assert.True(await _app.WithDbAsync(db => db.ComplaintEvents.AnyAsync(e => e.Type == ComplaintEventType.Classified)));
        Assert.Empty(await OutboxAsync($"follow/{code}/"));

        await FollowUpAsync(code, "Lubang sudah ditambal.");
        var sms = Assert.Single(await OutboxAsync($"follow/{code}/"));
        Assert.Equal(Aduan.Sms.SmsOutbox.MessageType, sms.Type);
        Assert.EndsWith($"/{follower}", sms.IdempotencyKey, StringComparison.Ordinal);
        Assert.Contains("/ikuti/berhenti/", sms.Payload, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Public", false)]
    [InlineData("Confidential", true)]
    public async Task Follow_AReportThePublicCannotSee_IsNotFoundAndStoresNothing(string privacy, bool dispatched)
    {
        var (code, _) = await ReportAsync(privacy);
        if (dispatched)
        {
            await DispatchAsync(code);
        }

        using var citizen = PageClient.For(_app);
        var tracking = await citizen.GetAsync("/lacak/" + code);
        Assert.Null(tracking.QuerySelector("#follow-form"));

        // Posted anyway, as a script would, with a valid anti-forgery token from the page.
        using var post = await citizen.Http.PostAsync("/ikuti", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = code, ["Contact"] = "warga@example.com", ["From"] = "lacak",
            ["__af"] = tracking.QuerySelector("#key-form input[name=__af]")!.GetAttribute("value")!,
        }));

        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(0, await _app.WithDbAsync(db => db.ReportFollowers.CountAsync()));
    }

    [Fact]
    public async Task Follow_TheReporterWithTheKey_MayFollowTheirUnpublishedReport()
    {
        var (code, key) = await ReportAsync("Confidential");
        using var reporter = PageClient.For(_app);
        var own = await reporter.SubmitAsync(await reporter.GetAsync("/lacak/" + code), "#key-form",
            new() { ["kunci"] = key.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant() });

        await reporter.SubmitAsync(own, "#follow-form", new() { ["Contact"] = "0812 7777 1234" });

        var follower = await _app.WithDbAsync(db => db.ReportFollowers.AsNoTracking().SingleAsync());
        Assert.Equal(("+6281277771234", NotifyBy.Sms, true), (follower.Address, follower.Channel, follower.IsReporter));
        Assert.Single(await OutboxAsync($"follow-confirm/{code}/"));
    }

    [Fact]
    public async Task Follow_BadContact_IsAnErrorBesideTheField()
    {
        var (code, _) = await ReportAsync();
        await DispatchAsync(code);
        using var citizen = PageClient.For(_app);

        var page = await FollowAsync(citizen, "/laporan/" + code, "bukan-alamat");

        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("#error-Contact")?.TextContent), PageClient.Text(page));
        Assert.Equal(0, await _app.WithDbAsync(db => db.ReportFollowers.CountAsync()));
    }

    [Fact]
    public async Task Follow_TheSameAddressTwice_SendsOneConfirmation()
    {
        var (code, _) = await ReportAsync();
        await DispatchAsync(code);
        using var citizen = PageClient.For(_app);

        await FollowAsync(citizen, "/laporan/" + code, "warga@example.com");
        var again = await FollowAsync(citizen, "/lacak/" + code, "Warga@Example.com");

        Assert.Contains("Periksa email Anda", PageClient.Text(again), StringComparison.Ordinal);
        Assert.Single(await OutboxAsync($"follow-confirm/{code}/"));
    }

    [Fact]
    public async Task Privacy_ExportAndErase_IncludeTheFollowsOfTheAddress()
    {
        var (code, _) = await ReportAsync();
        await DispatchAsync(code);
        await ConfirmedFollowerAsync(code, "warga@example.com");
        await using var scope = _app.Services.CreateAsyncScope();
        var requests = scope.ServiceProvider.GetRequiredService<PersonalDataRequests>();
        var subject = new DataSubject(null, "warga@example.com");

        var export = await requests.ExportAsync(subject, ComplaintBuilder.Manager, _app.Time.GetUtcNow(), CancellationToken.None);
        await requests.EraseAsync(subject, ComplaintBuilder.Manager, CancellationToken.None);

        var held = Assert.Single(export.Follows);
        Assert.Equal((code, "Email"), (held.TrackingCode, held.Channel));
        Assert.NotNull(held.ConfirmedAt);
        Assert.Equal(0, await _app.WithDbAsync(db => db.ReportFollowers.CountAsync()));
    }

    [Fact]
    public async Task RetentionSweep_DeletesFollowersNeverConfirmed()
    {
        var (code, _) = await ReportAsync();
        await DispatchAsync(code);
        using var citizen = PageClient.For(_app);
        await FollowAsync(citizen, "/laporan/" + code, "lupa@example.com");
        await ConfirmedFollowerAsync(code, "ingat@example.com");
        _app.Time.Advance(TimeSpan.FromDays(3));

        await _app.Services.GetRequiredService<ContactRetentionSweep>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(["ingat@example.com"], await _app.WithDbAsync(db => db.ReportFollowers.Select(f => f.Address).ToListAsync()));
    }

    /// <summary>Follows through the form and confirms through the link; the follower's id.</summary>
    private async Task<long> ConfirmedFollowerAsync(string code, string contact)
    {
        using var citizen = PageClient.For(_app);
        await FollowAsync(citizen, "/laporan/" + code, contact);
        var confirmation = (await OutboxAsync($"follow-confirm/{code}/"))[^1];
        var token = TokenIn(confirmation.Payload, "konfirmasi");
        await citizen.SubmitAsync(await citizen.GetAsync("/ikuti/konfirmasi/" + token), "#follow-confirm", []);
        return await _app.WithDbAsync(db => db.ReportFollowers.Where(f => f.ConfirmedAt != null).OrderBy(f => f.Id).Select(f => f.Id).LastAsync());
    }
}
