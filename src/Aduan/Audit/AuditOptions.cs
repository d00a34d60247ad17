using System.ComponentModel.DataAnnotations;

namespace Aduan.Audit;

/// <summary>Section <c>Aduan:Audit</c>: the daily digests of the event log, published outside the database.</summary>
public sealed class AuditOptions
{
    public const string Section = "Aduan:Audit";

    /// <summary>Compute and publish the digests of closed days in this instance (one instance at a time does it).</summary>
    public bool PublishDigests { get; set; } = true;

    /// <summary>Where the digest files are written; empty means <c>audit</c> under <c>Aduan:DataDirectory</c>.</summary>
    public string? DigestDirectory { get; set; }

    /// <summary>
    /// How long after the city's midnight a day counts as closed: a change that took its instant just
    /// before midnight may commit a little after it, and must be in its day's digest.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "12:00:00")]
    public TimeSpan DayCloseMargin { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the publisher looks for newly closed days.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The digest directory, resolved against the data directory's default.</summary>
    public string DirectoryFor(string dataDirectory) =>
        string.IsNullOrWhiteSpace(DigestDirectory) ? Path.Combine(dataDirectory, "audit") : DigestDirectory;

    /// <summary>False for a path the file system cannot take (invalid characters), checked at start.</summary>
    public bool HasUsableDirectory()
    {
        if (string.IsNullOrWhiteSpace(DigestDirectory))
        {
            return true;
        }

        if (DigestDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            return false;
        }

        try
        {
            Path.GetFullPath(DigestDirectory);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return false;
        }
    }
}
