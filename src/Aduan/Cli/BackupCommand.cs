using System.CommandLine;
using System.Diagnostics;
using Aduan.Data;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Cli;

/// <summary><c>backup FILE</c>: a consistent copy of the SQLite database while the server keeps running.</summary>
public static class BackupCommand
{
    public static Command Build()
    {
        var file = new Argument<FileInfo>("file") { Description = "Where to write the copy, e.g. /backup/aduan-2026-12-01.db. Must not exist yet." };
        var command = new Command("backup", "Write a consistent online copy of the SQLite database (PostgreSQL: use pg_dump).") { file };
        // The database is copied as it is: a backup never migrates or seeds what it copies.
        command.SetAction((parse, ct) => AduanCli.WithServices((sp, token) => RunAsync(sp.GetRequiredService<AduanDbContext>(), parse.GetValue(file)!, token),
            ct, prepareDatabase: false));
        return command;
    }

    private static async Task<int> RunAsync(AduanDbContext db, FileInfo file, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            await Console.Error.WriteLineAsync("The database is PostgreSQL: back it up with pg_dump (e.g. pg_dump -Fc -f aduan.dump aduan), or the server's own backup.");
            return 2;
        }

        if (file.Exists)
        {
            await Console.Error.WriteLineAsync($"{file.FullName} exists already; choose a new name (a backup never overwrites).");
            return 1;
        }

        file.Directory?.Create();
        var watch = Stopwatch.StartNew();

        // VACUUM INTO reads one snapshot of the database (WAL readers do not block the server's writes)
        // and writes a compact, self-contained copy.
        await db.Database.ExecuteSqlRawAsync("VACUUM INTO {0}", [file.FullName], ct);

        // VACUUM INTO does not sync the new file; a backup must be on the disk when we say it is written.
        await using (var copy = new FileStream(file.FullName, FileMode.Open, FileAccess.ReadWrite))
        {
            copy.Flush(flushToDisk: true);
        }

        file.Refresh();
        Console.WriteLine($"Wrote {file.FullName} ({file.Length / 1024.0 / 1024.0:F1} MiB) in {watch.Elapsed.TotalSeconds:F1} s.");
        return 0;
    }
}
