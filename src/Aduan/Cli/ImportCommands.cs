using System.CommandLine;
using System.Globalization;
using Aduan.Complaints;
using Aduan.Importing;

namespace Aduan.Cli;

/// <summary><c>import reports FILE.csv</c>: past reports from the call center's spreadsheets (see README, "Importing past reports").</summary>
public static class ImportCommands
{
    public static Command Build()
    {
        var import = new Command("import", "Bring in data from before the system.");
        var file = new Argument<FileInfo>("file")
        {
            Description = "CSV with the header submitted_at,channel,category,agency,text,status,dispatched_at,followed_up_at,resolved_at,follow_up "
                + "(optional reporter_phone,kecamatan).",
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the file and count what would be added, without saving." };
        var reports = new Command("reports", "Import past reports; all or nothing per file; rows imported before are skipped.") { file, dryRun };
        reports.SetAction((parse, ct) => AduanCli.WithServices((sp, token) =>
            ImportAsync(sp.GetRequiredService<ReportImport>(), parse.GetValue(file)!, parse.GetValue(dryRun), token), ct));
        import.Subcommands.Add(reports);
        return import;
    }

    private static async Task<int> ImportAsync(ReportImport importer, FileInfo file, bool dryRun, CancellationToken ct)
    {
        if (!file.Exists)
        {
            await Console.Error.WriteLineAsync($"No such file: {file.FullName}");
            return 1;
        }

        // The operator's messages are English, like the rest of the command line.
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        await using var stream = file.OpenRead();
        var actor = new Actor(ActorKind.System, null, "cli:" + Environment.UserName);
        var result = await importer.ImportAsync(stream, dryRun, actor, Console.WriteLine, ct);
        if (result.Rejected.Count > 0)
        {
            foreach (var r in result.Rejected)
            {
                await Console.Error.WriteLineAsync($"line {r.Line}: {r.Reasons}");
            }

            await Console.Error.WriteLineAsync($"Nothing imported: {result.Rejected.Count} of {result.Rows} rows rejected.");
            return 1;
        }

        Console.WriteLine(result.Saved
            ? $"Imported {result.Added} reports from {result.Rows} rows ({result.AlreadyImported} imported before)."
            : $"Dry run: {result.Rows} rows checked, {result.Added} would be added ({result.AlreadyImported} imported before), nothing saved.");
        return 0;
    }
}
