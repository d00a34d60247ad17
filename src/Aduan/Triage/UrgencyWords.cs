namespace Aduan.Triage;

/// <summary>
/// Words that make a report read like an emergency (fire, flood, a person in danger): the desk
/// shows them so the manager can make the report urgent for the URC. Matched on normalised
/// tokens (<see cref="TextNormalizer"/>), so "DARURAT!!!" and "daruratt" both count.
/// </summary>
public static class UrgencyWords
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "kebakaran", "terbakar", "kobaran", "asap", "meledak", "ledakan", "korsleting",
        "banjir", "tenggelam", "hanyut", "longsor", "roboh", "ambruk", "runtuh", "tertimpa", "puting", "gempa",
        "darurat", "emergency", "tolong", "korban", "pingsan", "meninggal", "tewas", "luka", "berdarah", "kritis", "sekarat",
        "kecelakaan", "tabrakan", "kejang", "sesak", "tersengat", "kesetrum", "keracunan", "hilang", "penganiayaan", "kekerasan",
    };

    /// <summary>The emergency words in the text, normalised, each once, in the order they appear.</summary>
    public static IReadOnlyList<string> In(string? text) =>
        TextNormalizer.Tokens(text).Where(Words.Contains).Distinct(StringComparer.Ordinal).ToList();
}
