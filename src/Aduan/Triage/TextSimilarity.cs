namespace Aduan.Triage;

/// <summary>
/// How alike two report texts are, from 0 to 1, whatever the word order and despite typos: the
/// mean of the Dice coefficients of their word sets and of their character-trigram sets, both over
/// the normalised text (<see cref="TextNormalizer"/>). Numbers (house numbers, RT/RW, and
/// identifiers such as a NIK) and the commonest function words are left out: they say nothing of
/// the problem, and a shared NIK must never make two reports look alike.
/// </summary>
public static class TextSimilarity
{
    private static readonly HashSet<string> Stop = new(StringComparer.Ordinal)
    {
        "di", "ke", "dari", "yang", "dan", "ini", "itu", "ada", "untuk", "dengan", "pada", "sudah", "tidak", "sejak", "saya", "kami",
        "mohon", "tolong", "segera", "bapak", "ibu", "rt", "rw", "no", "nya", "juga", "sangat", "sekali", "karena", "atau", "dalam",
    };

    /// <summary>The words that count: normalised, without numbers and function words.</summary>
    public static IEnumerable<string> Words(string? text) => TextNormalizer.Tokens(text).Where(Counts);

    /// <summary>Whether a word says something of the problem: not a number, not one of the commonest function words.</summary>
    public static bool Counts(string word) => !Stop.Contains(word) && !word.All(char.IsDigit);

    public static double Of(string a, string b) => new Profile(a).Similarity(new Profile(b));

    /// <summary>A text's word and trigram sets, computed once and compared with many.</summary>
    public sealed class Profile
    {
        private readonly HashSet<string> _words;
        private readonly HashSet<string> _trigrams = new(StringComparer.Ordinal);

        public Profile(string text)
        {
            _words = Words(text).ToHashSet(StringComparer.Ordinal);
            foreach (var w in _words)
            {
                var padded = " " + w + " ";
                for (var i = 0; i + 3 <= padded.Length; i++)
                {
                    _trigrams.Add(padded.Substring(i, 3));
                }
            }
        }

        public double Similarity(Profile other) => (Dice(_words, other._words) + Dice(_trigrams, other._trigrams)) / 2;

        private static double Dice(HashSet<string> a, HashSet<string> b)
        {
            if (a.Count == 0 || b.Count == 0)
            {
                return 0;
            }

            var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
            var shared = small.Count(large.Contains);
            return 2.0 * shared / (a.Count + b.Count);
        }
    }
}
