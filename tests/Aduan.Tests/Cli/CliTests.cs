using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Aduan.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Cli;

/// <summary>
/// The command line of the real executable, in a fresh working directory. On SQLite it uses the
/// default ./data there; on PostgreSQL a fresh database of its own (<see cref="_database"/>).
/// </summary>
public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("aduan-cli-").FullName;
    private readonly AduanFactory _database = new();

    private Dictionary<string, string>? Env => AduanFactory.OnPostgres ? _database.ProcessEnvironment : null;

    public void Dispose()
    {
        _database.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task UserAdd_FreshDirectory_CreatesDatabaseUnderDataAndTheUser()
    {
        var add = await AppProcess.RunAsync(_dir, null, Env, "user", "add", "manajer", "--role", "Manager", "--password", "Rahasia-12345");
        var addFromStdin = await AppProcess.RunAsync(_dir, "Rahasia-67890", Env, "user", "add", "petugas", "--role", "agencyofficer", "--agency", "dinkes");
        var list = await AppProcess.RunAsync(_dir, null, Env, "user", "list");

        Assert.True(add.ExitCode == 0, add.Error);
        Assert.Contains("Created user manajer (Manager)", add.Output, StringComparison.Ordinal);
        Assert.True(addFromStdin.ExitCode == 0, addFromStdin.Error);
        Assert.True(AduanFactory.OnPostgres || File.Exists(Path.Combine(_dir, "data", "aduan.db")));
        Assert.Matches(@"manajer\s+Manager\s+-\s+active", list.Output);
        Assert.Matches(@"petugas\s+AgencyOfficer\s+DINKES\s+active", list.Output);
    }

    [Fact]
    public async Task UserDisable_StopsSignInAndExistingTokens()
    {
        using var factory = new AduanFactory();
        var officer = await factory.StaffClientAsync("AgencyOfficer", "DINKES", userName: "pindah-tugas");
        var env = factory.ProcessEnvironment;
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/api/v1/staff/complaints")).StatusCode);

        var disable = await AppProcess.RunAsync(_dir, null, env, "user", "disable", "pindah-tugas");
        var list = await AppProcess.RunAsync(_dir, null, env, "user", "list");

        Assert.True(disable.ExitCode == 0, disable.Error);
        Assert.Matches(@"pindah-tugas\s+AgencyOfficer\s+DINKES\s+disabled", list.Output);
        Assert.Equal(HttpStatusCode.Unauthorized, (await officer.GetAsync("/api/v1/staff/complaints")).StatusCode);
        var login = await factory.CreateClient().PostAsync("/api/v1/auth/login", new StringContent(
            $$"""{"userName":"pindah-tugas","password":"{{AduanFactory.Password}}"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Theory]
    [InlineData("Mayor", "Unknown role")]
    [InlineData("AgencyOfficer", "--agency")]
    public async Task UserAdd_BadRoleOrMissingAgency_ExitsWithHelpfulMessage(string role, string hint)
    {
        var result = await AppProcess.RunAsync(_dir, null, Env, "user", "add", "x", "--role", role, "--password", "Rahasia-12345");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(hint, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserAdd_WeakPassword_ExitsNonZeroAndCreatesNoUser()
    {
        var result = await AppProcess.RunAsync(_dir, null, Env, "user", "add", "lemah", "--role", "Manager", "--password", "123");
        var list = await AppProcess.RunAsync(_dir, null, Env, "user", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain("lemah", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HolidayImport_ValidFile_AddsDaysAndListsThem()
    {
        var file = Path.Combine(_dir, "libur-2027.csv");
        await File.WriteAllTextAsync(file, "date,kind,name\n2027-01-01,holiday,Tahun Baru 2027 Masehi\n2027-02-08,cuti_bersama,Cuti Bersama Imlek\n");

        var dry = await AppProcess.RunAsync(_dir, null, Env, "holiday", "import", file, "--dry-run");
        var beforeImport = await AppProcess.RunAsync(_dir, null, Env, "holiday", "list", "--year", "2027");
        var import = await AppProcess.RunAsync(_dir, null, Env, "holiday", "import", file);
        var list = await AppProcess.RunAsync(_dir, null, Env, "holiday", "list", "--year", "2027");

        Assert.True(dry.ExitCode == 0, dry.Error);
        Assert.Contains("0 days.", beforeImport.Output, StringComparison.Ordinal);
        Assert.Contains("Imported 2 days (2 new, 0 corrected)", import.Output, StringComparison.Ordinal);
        Assert.Contains("2027-02-08  cuti_bersama  Cuti Bersama Imlek", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HolidayImport_BadRow_ImportsNothing()
    {
        var file = Path.Combine(_dir, "rusak.csv");
        await File.WriteAllTextAsync(file, "date,kind,name\n2027-01-01,holiday,Tahun Baru\n01/02/2027,libur,Salah\n");

        var import = await AppProcess.RunAsync(_dir, null, Env, "holiday", "import", file);
        var list = await AppProcess.RunAsync(_dir, null, Env, "holiday", "list", "--year", "2027");

        Assert.Equal(1, import.ExitCode);
        Assert.Contains("line 3", import.Error, StringComparison.Ordinal);
        Assert.Contains("0 days.", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_AfterTampering_ExitsNonZeroNamingTheReports()
    {
        using var factory = new AduanFactory();
        var client = factory.CreateClient();
        var manager = await factory.StaffClientAsync("Manager");
        var intact = await client.SubmitAsync();
        var altered = await client.SubmitAsync();
        var truncated = await client.SubmitAsync();
        foreach (var code in new[] { intact.TrackingCode, altered.TrackingCode, truncated.TrackingCode })
        {
            await manager.ActOkAsync(code, new { action = "defer", question = "Mohon foto lokasi." });
        }

        var env = factory.ProcessEnvironment;

        var clean = await AppProcess.RunAsync(_dir, null, env, "audit", "verify");
        Assert.True(clean.ExitCode == 0, clean.Output + clean.Error);
        Assert.Contains("OK: 3 reports, 6 events", clean.Output, StringComparison.Ordinal);

        await ExecuteAsync(factory, $"""UPDATE "ComplaintEvents" SET "Text" = 'Pertanyaan diganti' WHERE "Sequence" = 2 AND "ComplaintId" = (SELECT "Id" FROM "Complaints" WHERE "TrackingCode" = '{altered.TrackingCode}')""");
        await ExecuteAsync(factory, $"""DELETE FROM "ComplaintEvents" WHERE "Sequence" = 2 AND "ComplaintId" = (SELECT "Id" FROM "Complaints" WHERE "TrackingCode" = '{truncated.TrackingCode}')""");
        var broken = await AppProcess.RunAsync(_dir, null, env, "audit", "verify");

        Assert.Equal(2, broken.ExitCode);
        Assert.Contains($"BROKEN {altered.TrackingCode}: event 2 (Deferred) was altered", broken.Output, StringComparison.Ordinal);
        Assert.Contains($"BROKEN {truncated.TrackingCode}", broken.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(intact.TrackingCode, broken.Output, StringComparison.Ordinal);

        await ExecuteAsync(factory, $"""UPDATE "Complaints" SET "Text" = 'Isi laporan diganti orang dalam' WHERE "TrackingCode" = '{intact.TrackingCode}'""");
        var edited = await AppProcess.RunAsync(_dir, null, env, "audit", "verify");
        Assert.Contains($"BROKEN {intact.TrackingCode}: the report's text", edited.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Privacy_ExportThenErase_FromTheCommandLine_AuditStillPasses()
    {
        using var factory = new AduanFactory();
        var created = await factory.CreateClient().SubmitAsync(TestApi.Report(reporter: new { name = "Siti", phone = "0812 3456 7890" }));
        var env = factory.ProcessEnvironment;
        var file = Path.Combine(_dir, "siti.json");

        var bad = await AppProcess.RunAsync(_dir, null, env, "privacy", "export", "bukan-nomor");
        var export = await AppProcess.RunAsync(_dir, null, env, "privacy", "export", "+62 812-3456-7890", "--out", file);
        var dryRun = await AppProcess.RunAsync(_dir, null, env, "privacy", "erase", "0812 3456 7890");
        var stillHeld = await File.ReadAllTextAsync(file);
        var erase = await AppProcess.RunAsync(_dir, null, env, "privacy", "erase", "0812 3456 7890", "--yes");
        var audit = await AppProcess.RunAsync(_dir, null, env, "audit", "verify");

        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("Not a phone number or e-mail address", bad.Error, StringComparison.Ordinal);
        Assert.True(export.ExitCode == 0, export.Output + export.Error);
        Assert.Contains(created.TrackingCode, stillHeld, StringComparison.Ordinal);
        Assert.Contains("+6281234567890", stillHeld, StringComparison.Ordinal);
        Assert.Equal(1, dryRun.ExitCode);
        Assert.Contains("Nothing erased", dryRun.Output, StringComparison.Ordinal);
        Assert.True(erase.ExitCode == 0, erase.Output + erase.Error);
        Assert.Contains(created.TrackingCode, erase.Output, StringComparison.Ordinal);
        Assert.Null(await factory.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == created.TrackingCode).Select(c => c.Reporter.Phone).SingleAsync()));
        Assert.True(audit.ExitCode == 0, audit.Output + audit.Error);
    }

    [Fact]
    public async Task AuditVerifyAgainst_ReportRemovedWholesale_PassesTheReportChecksButExitsTwo()
    {
        using var factory = new AduanFactory();
        var client = factory.CreateClient();
        var kept = await client.SubmitAsync();
        var removed = await client.SubmitAsync();
        var env = factory.ProcessEnvironment;

        var digest = await AppProcess.RunAsync(_dir, null, env, "audit", "digest", "--day", "2026-06-02");
        var line = digest.Output.Trim();
        Assert.True(digest.ExitCode == 0, digest.Error);
        Assert.Matches("^2026-06-02 [0-9a-f]{64} 2$", line);
        var file = Path.Combine(_dir, "digests.txt");
        await File.WriteAllTextAsync(file, "# published by the auditors\n" + line + "\n");
        var clean = await AppProcess.RunAsync(_dir, null, env, "audit", "verify", "--against", line);
        Assert.True(clean.ExitCode == 0, clean.Output + clean.Error);
        Assert.Contains("OK: the history up to 2026-06-02 is the one published", clean.Output, StringComparison.Ordinal);

        // Every trace of one report, deleted past the application: each remaining report's chain is still intact.
        var id = $"""(SELECT "Id" FROM "Complaints" WHERE "TrackingCode" = '{removed.TrackingCode}')""";
        foreach (var table in new[] { "ComplaintEvents", "SlaClocks" })
        {
            var sql = $"""DELETE FROM "{table}" WHERE "ComplaintId" = {id}""";
            Assert.True(await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql)) > 0);
        }

        await ExecuteAsync(factory, $"""DELETE FROM "Complaints" WHERE "TrackingCode" = '{removed.TrackingCode}'""");
        var rewritten = await AppProcess.RunAsync(_dir, null, env, "audit", "verify", "--against", file);

        Assert.Equal(2, rewritten.ExitCode);
        Assert.Contains("OK: 1 reports, 1 events, every chain intact.", rewritten.Output, StringComparison.Ordinal);
        Assert.Contains($"history up to 2026-06-02 was rewritten: expected {line.Split(' ')[1]}, found ", rewritten.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(kept.TrackingCode, rewritten.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-06-02")]
    [InlineData("no-such-file.txt")]
    public async Task AuditVerifyAgainst_NeitherALineNorAFile_ExitsOneSayingWhatItTakes(string against)
    {
        var result = await AppProcess.RunAsync(_dir, null, Env, "audit", "verify", "--against", against);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--against takes a published line", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_WhileServing_WritesAConsistentCopy()
    {
        using var factory = new AduanFactory();
        var client = factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await client.SubmitAsync();
        }

        var copyDir = Path.Combine(_dir, "copy");
        var backup = await AppProcess.RunAsync(_dir, null, factory.ProcessEnvironment, "backup", Path.Combine(copyDir, "aduan.db"));
        if (AduanFactory.OnPostgres)
        {
            Assert.Equal(2, backup.ExitCode);
            Assert.Contains("pg_dump", backup.Error, StringComparison.Ordinal);
            return;
        }

        Assert.True(backup.ExitCode == 0, backup.Error);
        var again = await AppProcess.RunAsync(_dir, null, factory.ProcessEnvironment, "backup", Path.Combine(copyDir, "aduan.db"));
        Assert.Equal(1, again.ExitCode); // never overwrites
        var audit = await AppProcess.RunAsync(_dir, null, new Dictionary<string, string> { ["Aduan__DataDirectory"] = copyDir }, "audit", "verify");
        Assert.Contains("OK: 3 reports", audit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithUnknownTimeZone_FailsWithTheSettingsName()
    {
        var env = new Dictionary<string, string>(Env ?? []) { ["Aduan__Sla__TimeZone"] = "WIB" };

        var result = await AppProcess.RunAsync(_dir, null, env, "migrate");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Aduan:Sla:TimeZone", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WithUrls_AnswersOnThatPortOverRealHttp()
    {
        var port = FreePort();
        using var process = Process.Start(AppProcess.StartInfo(_dir, Env, "serve", "--urls", $"http://127.0.0.1:{port}"))!;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var status = await PollAsync(http, "/health/ready");
            Assert.Equal(HttpStatusCode.OK, status);
            var categories = await http.GetStringAsync("/api/v1/categories");
            Assert.Contains("KESEHATAN", categories, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<HttpStatusCode?> PollAsync(HttpClient http, string path)
    {
        for (var i = 0; i < 300; i++)
        {
            try
            {
                return (await http.GetAsync(path)).StatusCode;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Tampering as someone with database access would: straight SQL, past the application.</summary>
    private static async Task ExecuteAsync(AduanFactory factory, string sql) =>
        Assert.Equal(1, await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql)));
}
