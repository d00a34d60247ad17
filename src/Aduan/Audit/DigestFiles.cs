using System.Text;

namespace Aduan.Audit;

/// <summary>
/// The digests outside the database: <c>yyyy-MM-dd.txt</c> per day holding its line, and
/// <c>digests.txt</c> with every line in day order, only ever appended to. Copy either off the
/// machine (or let the auditors fetch them): someone who can rewrite the database cannot reach
/// what was already copied.
/// </summary>
public sealed class DigestFiles(string directory)
{
    public const string AllDays = "digests.txt";

    public string Directory { get; } = directory;

    /// <summary>
    /// Writes the day's file and appends its line, each synced to disk. Publishing the same line
    /// again (after a crash before the row was stored) changes nothing. False, and nothing written,
    /// when the day's file already holds another digest: what was published is never overwritten.
    /// </summary>
    public bool Publish(DayDigest digest)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var dayFile = Path.Combine(Directory, DayDigest.Iso(digest.Day) + ".txt");
        if (File.Exists(dayFile))
        {
            if (File.ReadAllText(dayFile).Trim() != digest.Line)
            {
                return false;
            }
        }
        else
        {
            Write(dayFile, FileMode.CreateNew, digest.Line);
        }

        var all = Path.Combine(Directory, AllDays);
        if (!File.Exists(all) || !File.ReadLines(all).Contains(digest.Line))
        {
            Write(all, FileMode.Append, digest.Line);
        }

        return true;
    }

    private static void Write(string path, FileMode mode, string line)
    {
        using var file = new FileStream(path, mode, FileAccess.Write, FileShare.Read);
        file.Write(Encoding.ASCII.GetBytes(line + "\n"));
        file.Flush(flushToDisk: true);
    }
}
