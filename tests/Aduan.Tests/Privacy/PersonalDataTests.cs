using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aduan.Cli;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Infrastructure;
using Aduan.Privacy;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Privacy;

/// <summary>UU No. 27/2022 duties: contact retention, access and erasure on request, consent to be named, the supporters' key.</summary>
public sealed class PersonalDataTests : IDisposable
{
    private const string Phone = "0812 3456 7890";
    private const string E164 = "+6281234567890";
    private readonly AduanFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task RetentionSweep_ErasesTheContactOfReportsClosedLongEnough_KeepsTheRestAndTheAudit()
    {
        var old = await ResolvedAsync();
        var open = await _app.CreateClient().SubmitAsync();
        _app.Time.Advance(TimeSpan.FromDays(200));
        var recent = await ResolvedAsync();
        _app.Time.Advance(TimeSpan.FromDays(170)); // old: closed 370 days ago; recent: 170 days
        var before = await PublicTimelineAsync(old);

        var looked = await Sweep().RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, looked);
        var erased = await StoredAsync(old);
        Assert.Equal((null, null, null), (erased.Reporter.Name, erased.Reporter.Phone, erased.Reporter.Email));
        Assert.NotNull(erased.ContactErasedAt);
        Assert.Equal(ComplaintStatus.Resolved, erased.Status);
        Assert.Equal(E164, (await StoredAsync(recent)).Reporter.Phone);
        Assert.Equal(E164, (await StoredAsync(open.TrackingCode)).Reporter.Phone);
        Assert.Equal(before, await PublicTimelineAsync(old)); // the public history did not change
        Assert.Equal(0, await Sweep().RunOnceAsync(CancellationToken.None)); // nothing left to do: the index range is empty
        await using var scope = _app.Services.CreateAsyncScope();
        var audit = await AuditCommands.VerifyAsync(scope.ServiceProvider.GetRequiredService<AduanDbContext>(), TextWriter.Null, CancellationToken.None);
        Assert.Empty(audit.Broken);
    }

    [Fact]
    public async Task RetentionSweep_AReportReopenedBeforeItsTime_KeepsItsContact()
    {
        var code = await ResolvedAsync();
        _app.Time.Advance(TimeSpan.FromDays(10));
        var manager = await _app.StaffClientAsync("Manager");
        await manager.ActOkAsync(code, new { action = "reopen", reason = "Lubang muncul lagi di tempat yang sama." });
        _app.Time.Advance(TimeSpan.FromDays(400));

        await Sweep().RunOnceAsync(CancellationToken.None);

        Assert.Equal(E164, (await StoredAsync(code)).Reporter.Phone);
    }

    [Fact]
    public async Task Requests_ExportFindsEverySpellingOfTheNumber_EraseRemovesItEverywhere_AuditNamesReportsNotTheNumber()
    {
        var client = _app.CreateClient();
        var first = (await client.SubmitAsync(TestApi.Report(reporter: new { name = "Siti", phone = "0812-3456-7890" }))).TrackingCode;
        var second = (await client.SubmitAsync(TestApi.Report(reporter: new { phone = "+62 812 3456 7890", email = "siti@contoh.id" }))).TrackingCode;
        var other = (await client.SubmitAsync(TestApi.Report(reporter: new { phone = "0813 9999 0000" }))).TrackingCode;
        var subject = new DataSubject(E164, null);
        var staff = new Actor(ActorKind.Staff, "u-1", "Manajer Uji");
        await _app.WithDbAsync(db =>
        {
            db.SmsMessages.Add(new Aduan.Sms.SmsMessage
            {
                Direction = Aduan.Sms.SmsDirection.In, Gateway = "kannel", ExternalId = "uji-1", Phone = E164, Text = "BKSKOTA INFO", At = _app.Time.GetUtcNow(),
            });
            return db.SaveChangesAsync();
        });

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var requests = scope.ServiceProvider.GetRequiredService<PersonalDataRequests>();
            var export = await requests.ExportAsync(subject, staff, _app.Time.GetUtcNow(), CancellationToken.None);
            Assert.Equal([second, first], export.Reports.Select(r => r.TrackingCode));
            Assert.Equal("siti@contoh.id", export.Reports[0].Reporter.Email);
            Assert.Contains(export.Reports[1].Messages, m => m.Type == nameof(ComplaintEventType.Submitted));
            Assert.Equal("BKSKOTA INFO", Assert.Single(export.Sms).Text);

            var erased = await requests.EraseAsync(subject, staff, CancellationToken.None);
            Assert.Equal([first, second], erased);
        }

        Assert.Null((await StoredAsync(first)).Reporter.Phone);
        Assert.Null((await StoredAsync(second)).Reporter.Email); // the whole contact of that report goes, not only the number
        Assert.Equal("+6281399990000", (await StoredAsync(other)).Reporter.Phone);
        Assert.Equal(0, await _app.WithDbAsync(db => db.SmsMessages.CountAsync(m => m.Phone == E164)));
        var entries = await _app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action.StartsWith("privacy.")).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["privacy.export", "privacy.erase"], entries.Select(a => a.Action));
        Assert.All(entries, a =>
        {
            Assert.Contains(first, a.Subject, StringComparison.Ordinal);
            Assert.DoesNotContain("3456", a.Subject + a.Details, StringComparison.Ordinal);
            Assert.DoesNotContain("siti@", a.Subject + a.Details, StringComparison.Ordinal);
        });
        await using var again = _app.Services.CreateAsyncScope();
        Assert.Empty(await again.ServiceProvider.GetRequiredService<PersonalDataRequests>().FindAsync(subject, CancellationToken.None));
    }

    [Fact]
    public async Task PrivacyPage_ManagerFindsExportsAndErasesAfterConfirming_OfficerIsRefused()
    {
        var code = (await _app.CreateClient().SubmitAsync(TestApi.Report(reporter: new { name = "Siti", phone = Phone }))).TrackingCode;
        using var manager = await PageClient.SignedInAsync(_app, "Manager");

        var start = await manager.GetAsync("/staff/privacy");
        var invalid = await manager.SubmitAsync(start, "[data-testid=privacy-find]", new() { ["Subject"] = "bukan nomor" });
        Assert.False(string.IsNullOrWhiteSpace(invalid.QuerySelector("#error-Subject")?.TextContent), PageClient.Text(invalid));
        var found = await manager.SubmitAsync(start, "[data-testid=privacy-find]", new() { ["Subject"] = "+62 812-3456-7890" });
        Assert.NotNull(found.QuerySelector($"[data-testid=held-{code}]"));
        Assert.Equal(code, await _app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "privacy.find").Select(a => a.Subject).SingleAsync()));

        var token = found.QuerySelector("input[name=__af]")!.GetAttribute("value")!;
        using var download = await manager.Http.PostAsync("/staff/privacy?handler=Export", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["Subject"] = Phone, ["__af"] = token }));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/json", download.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", download.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var json = await download.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(E164, json.GetProperty("reports")[0].GetProperty("reporter").GetProperty("phone").GetString());

        var unconfirmed = await manager.SubmitAsync(found, "[data-testid=privacy-erase]", []);
        Assert.False(string.IsNullOrWhiteSpace(unconfirmed.QuerySelector("#error-Confirmed")?.TextContent), PageClient.Text(unconfirmed));
        Assert.Equal(E164, (await StoredAsync(code)).Reporter.Phone);

        var done = await manager.SubmitAsync(found, "[data-testid=privacy-erase]", new() { ["Confirmed"] = "true" });
        Assert.Contains(code, PageClient.Text(done), StringComparison.Ordinal);
        Assert.Null((await StoredAsync(code)).Reporter.Phone);
        var detail = await manager.GetAsync("/staff/reports/" + code);
        Assert.Contains("Kontak dihapus", detail.QuerySelector("[data-testid=reporter]")!.TextContent, StringComparison.Ordinal);

        using var officer = await PageClient.SignedInAsync(_app, "AgencyOfficer", "DBMSDA");
        await officer.GetAsync("/staff/privacy");
        Assert.NotEqual(HttpStatusCode.OK, officer.Status);
    }

    [Fact]
    public async Task Consent_NameShownOnTheRegisterOnlyWhenChosen_AndGoneAfterErasure()
    {
        var client = _app.CreateClient();
        var refused = await client.PostAsJsonAsync("/api/v1/complaints",
            TestApi.Report(privacy: "Anonymous", reporter: new { name = "Siti Aminah", phone = Phone, publishName = true }));
        var problem = await refused.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("reporter.publishName", out _), problem.ToString());

        var named = (await client.SubmitAsync(TestApi.Report(reporter: new { name = "Siti Aminah", phone = Phone, publishName = true }))).TrackingCode;
        var unnamed = (await client.SubmitAsync(TestApi.Report(reporter: new { name = "Budi Santoso", phone = "0813 9999 0000" }))).TrackingCode;
        var manager = await _app.StaffClientAsync("Manager");
        await manager.ActOkAsync(named, new { action = "dispatch" });
        await manager.ActOkAsync(unnamed, new { action = "dispatch" });

        using var citizen = PageClient.For(_app);
        var namedPage = await citizen.GetAsync("/laporan/" + named);
        Assert.Equal("Siti Aminah", namedPage.QuerySelector("[data-testid=reporter]")!.TextContent.Trim());
        var unnamedPage = await citizen.GetAsync("/laporan/" + unnamed);
        Assert.DoesNotContain("Budi", PageClient.Text(unnamedPage), StringComparison.Ordinal);
        var register = PageClient.Text(await citizen.GetAsync("/laporan"));
        Assert.Contains("Siti Aminah", register, StringComparison.Ordinal);
        Assert.DoesNotContain("Budi", register, StringComparison.Ordinal);
        var openData = await client.GetStringAsync("/api/v1/open-data/complaints.json");
        Assert.Contains("Siti Aminah", openData, StringComparison.Ordinal);
        Assert.DoesNotContain("Budi", openData, StringComparison.Ordinal);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PersonalDataRequests>()
                .EraseAsync(new DataSubject(E164, null), new Actor(ActorKind.Staff, "u-1", "Manajer"), CancellationToken.None);
        }

        Assert.DoesNotContain("Siti", PageClient.Text(await citizen.GetAsync("/laporan/" + named)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Supporters_HashIsKeyedWithAProtectedServerSecret_NotTheOldCodeSalt()
    {
        var code = (await _app.CreateClient().SubmitAsync()).TrackingCode;
        var id = (await StoredAsync(code)).Id;
        byte[] key;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var supporters = scope.ServiceProvider.GetRequiredService<Supporters>();
            Assert.True(await supporters.AddAsync(id, code, "contact:" + E164, CancellationToken.None));
            Assert.False(await supporters.AddAsync(id, code, "contact:" + E164, CancellationToken.None));
            key = await scope.ServiceProvider.GetRequiredService<ServerSecrets>().GetAsync(ServerSecrets.Supporters, CancellationToken.None);
        }

        var stored = await _app.WithDbAsync(db => db.ComplaintSupporters.Where(s => s.ComplaintId == id).Select(s => s.SupporterHash).SingleAsync());
        var unkeyed = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"aduan-supporter|{code}|contact:{E164}")));
        Assert.NotEqual(unkeyed, stored);
        Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{code}|contact:{E164}"))), stored);
        var secret = await _app.WithDbAsync(db => db.ServerSecrets.AsNoTracking().SingleAsync(s => s.Name == ServerSecrets.Supporters));
        Assert.DoesNotContain(Convert.ToBase64String(key), secret.ProtectedValue, StringComparison.Ordinal);
        Assert.Equal(32, key.Length);
    }

    private ContactRetentionSweep Sweep() => _app.Services.GetRequiredService<ContactRetentionSweep>();

    /// <summary>Submitted with a contact, dispatched, followed up and accepted: Resolved, closed now.</summary>
    private async Task<string> ResolvedAsync()
    {
        var client = _app.CreateClient();
        var created = await client.SubmitAsync(TestApi.Report(reporter: new { name = "Siti", phone = Phone }));
        var manager = await _app.StaffClientAsync("Manager");
        var officer = await _app.StaffClientAsync("AgencyOfficer", "DBMSDA");
        await manager.ActOkAsync(created.TrackingCode, new { action = "dispatch" });
        await officer.ActOkAsync(created.TrackingCode, new { action = "follow-up", text = "Lubang sudah ditambal.", final = true });
        var accepted = await client.PostAsReporterAsync($"/api/v1/complaints/{created.TrackingCode}/feedback", created.ReporterKey,
            new { accepted = true, rating = 5 });
        accepted.EnsureSuccessStatusCode();
        return created.TrackingCode;
    }

    private Task<Complaint> StoredAsync(string code) =>
        _app.WithDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.TrackingCode == code));

    private async Task<string> PublicTimelineAsync(string code) =>
        JsonSerializer.Serialize((await _app.CreateClient().PublicAsync(code)).Timeline);
}
