using Aduan.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Aduan.Tests.Importing;

/// <summary><c>import reports</c> on the real executable, in a fresh working directory (as CliTests).</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("aduan-import-").FullName;
    private readonly AduanFactory _database = new();

    private Dictionary<string, string>? Env => AduanFactory.OnPostgres ? _database.ProcessEnvironment : null;

    public void Dispose()
    {
        _database.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private string Write(PastReportsCsv csv)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    [Fact]
    public async Task ImportReports_DryRunImportAgain_CountsSavesThenSkipsAndAuditPasses()
    {
        var file = Write(PastReportsCsv.Article());

        var dryRun = await AppProcess.RunAsync(_dir, null, Env, "import", "reports", file, "--dry-run");
        var import = await AppProcess.RunAsync(_dir, null, Env, "import", "reports", file);
        var again = await AppProcess.RunAsync(_dir, null, Env, "import", "reports", file);
        var audit = await AppProcess.RunAsync(_dir, null, Env, "audit", "verify");

        Assert.True(dryRun.ExitCode == 0, dryRun.Error);
        Assert.Contains("Dry run: 61 rows checked, 61 would be added", dryRun.Output, StringComparison.Ordinal);
        Assert.Contains("Imported 61 reports from 61 rows (0 imported before)", import.Output, StringComparison.Ordinal);
        Assert.Contains("Imported 0 reports from 61 rows (61 imported before)", again.Output, StringComparison.Ordinal);
        Assert.True(audit.ExitCode == 0, audit.Output + audit.Error);
    }

    [Fact]
    public async Task ImportReports_BadRow_ExitsOneNamingTheLineInEnglish()
    {
        var file = Write(new PastReportsCsv().Resolved(new DateTime(2020, 10, 12, 9, 0, 0), "DINKES")
            .Row("12/10/2020 25:00", "CallCenter", "KESEHATAN", "DINKES", "Submitted"));

        var result = await AppProcess.RunAsync(_dir, null, Env, "import", "reports", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("line 3: submitted_at: bad date \"12/10/2020 25:00\"", result.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing imported: 1 of 2 rows rejected.", result.Error, StringComparison.Ordinal);
    }
}
