using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Aduan.Audit;

/// <summary>
/// The digest of one day of the city's calendar, chained to the day before:
/// <c>SHA-256("&lt;previous digest&gt;\n&lt;yyyy-MM-dd&gt;\n" + "&lt;event hash&gt;\n" for each event of the day)</c>,
/// the events in (report, sequence) order, each hash recomputed from the event's content. The day
/// before the first event has the <see cref="Genesis"/> digest. Published as one line:
/// <c>yyyy-MM-dd &lt;digest&gt; &lt;events&gt;</c>.
/// </summary>
public sealed record DayDigest(DateOnly Day, string Digest, long Events)
{
    public static readonly string Genesis = new('0', 64);

    public string Line => $"{Iso(Day)} {Digest} {Events.ToString(CultureInfo.InvariantCulture)}";

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Reads <c>yyyy-MM-dd &lt;64 hex&gt;</c>, optionally followed by the event count (not needed to check).</summary>
    public static bool TryParse(string line, out DateOnly day, out string digest)
    {
        digest = "";
        var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 2 or > 3 || !Infrastructure.Dates.TryParseIso(parts[0], out day)
            || parts[1].Length != 64 || !parts[1].All(char.IsAsciiHexDigit))
        {
            day = default;
            return false;
        }

        digest = Convert.ToHexStringLower(Convert.FromHexString(parts[1]));
        return true;
    }

    /// <summary>Hashes one day incrementally, so a day of any size takes no memory.</summary>
    public sealed class Builder : IDisposable
    {
        private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly DateOnly _day;

        public Builder(string previous, DateOnly day)
        {
            _day = day;
            Append(previous);
            Append(Iso(day));
        }

        public long Events { get; private set; }

        public void Add(string eventHash)
        {
            Append(eventHash);
            Events++;
        }

        public DayDigest Finish() => new(_day, Convert.ToHexStringLower(_sha.GetHashAndReset()), Events);

        public void Dispose() => _sha.Dispose();

        private void Append(string text) => _sha.AppendData(Encoding.ASCII.GetBytes(text + "\n"));
    }
}
