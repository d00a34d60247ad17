using Aduan.Complaints;

namespace Aduan.Bench.Scale;

/// <summary>
/// Well-formed, distinct tracking codes from the seeded generator. The check character is the
/// one the app's own <see cref="TrackingCode.TryNormalize"/> accepts, so the rule lives in one place.
/// </summary>
public sealed class TrackingCodes(Random random)
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public string Next()
    {
        Span<char> chars = stackalloc char[TrackingCode.Length];
        while (true)
        {
            for (var i = 0; i < TrackingCode.RandomLength; i++)
            {
                chars[i] = TrackingCode.Alphabet[random.Next(TrackingCode.Alphabet.Length)];
            }

            foreach (var check in TrackingCode.Alphabet)
            {
                chars[TrackingCode.RandomLength] = check;
                if (TrackingCode.TryNormalize(new string(chars), out var code) && _used.Add(code))
                {
                    return code;
                }
            }
        }
    }
}
