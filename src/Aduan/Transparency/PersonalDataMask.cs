using System.Text.RegularExpressions;

namespace Aduan.Transparency;

/// <summary>
/// Hides personal data typed inside a text before it is shown to the public: phone numbers, e-mail
/// addresses, NIK (16-digit national identity numbers, also KK numbers), names after an honorific
/// (Bapak, Ibu, Sdr., ...) and the parts of an address that point at one household (house number,
/// block, kavling and the RT/RW that follows them). Street, kampung and kelurahan names stay: they say where the problem is
/// and alone point at no one. Deliberately eager: a masked number that was not personal costs less
/// than a published one that was.
/// </summary>
/// <remarks>
/// Published texts come from anyone, so masking must take time in proportion to the text, whatever
/// it holds: the patterns without lookarounds run on the non-backtracking engine; the others look
/// at a bounded window (NIK, phone) or take each run of spaces whole, <c>(?&gt;\s*)</c>, so that the
/// backtracking engine never tries every way to split a run between two parts of a pattern. And it
/// never fails a page: a text that still cannot be masked in time is withheld whole (<see cref="Withheld"/>).
/// </remarks>
public static partial class PersonalDataMask
{
    public const string Email = "[email]";
    public const string Nik = "[NIK]";
    public const string Phone = "[telepon]";
    public const string Address = "[alamat]";
    public const string Name = "[nama]";

    /// <summary>
    /// Raise it when a change to the patterns changes what they mask: the public texts stored with each
    /// report (what the public search indexes) are masked anew at the next start (PublicTextRefresh).
    /// </summary>
    public const int Version = 1;

    /// <summary>What is published instead of a text the mask could not finish in time.</summary>
    public const string Withheld = "[teks disembunyikan]";

    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);

    // "siti@contoh.id", "siti @ contoh . id", "siti(at)contoh(dot)id", "siti [at] contoh [dot] co [dot] id".
    private static readonly Regex EmailPattern = new(
        @"[A-Za-z0-9._%+\-]+\s*(?:@|\(at\)|\[at\]|\s+at\s+)\s*[A-Za-z0-9\-]+(?:\s*(?:\.|\(dot\)|\[dot\]|\s+dot\s+)\s*[A-Za-z0-9\-]+)+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, Timeout);

    // The RT/RW after a house number ("No. 12 RT 03/RW 05", "No.12 rt03/05"): with it, one household.
    // RT/RW alone ("warga RT 03 kebanjiran") is a neighbourhood of dozens of households and says where
    // the problem is, so it stays.
    private static readonly Regex NeighbourhoodAfterHousePattern = new(
        @"\[alamat\](?:[\s,/]*(?:RT|RW)\s*\.?\s*:?\s*\d{1,3}(?:\s*/\s*\d{1,3})?)+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, Timeout);

    public static string? Apply(string? text) => Apply(text, Mask);

    /// <summary>Masks with <paramref name="mask"/>; a time-out withholds the whole text instead of failing the page.</summary>
    internal static string? Apply(string? text, Func<string, string> mask)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        try
        {
            return mask(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return Withheld;
        }
    }

    private static string Mask(string text)
    {
        text = EmailPattern.Replace(text, Email);
        text = NikPattern().Replace(text, Nik);
        text = PhonePattern().Replace(text, Phone);
        text = HouseNumberPattern().Replace(text, Address);
        text = BareHouseNumberPattern().Replace(text, m => m.Value[..(m.Groups["n"].Index - m.Index)] + Address);
        text = NeighbourhoodAfterHousePattern.Replace(text, Address);
        return NamePattern().Replace(text, m => m.Groups["honorific"].Value + Name);
    }

    // Sixteen digits, also in groups with spaces, dots, dashes or slashes ("3275 0101-0101 0001") and
    // glued to words ("NIK3275010101010001"), not directly inside a longer number.
    [GeneratedRegex(@"(?<!\d)\d(?:[\s.\-/]{0,2}\d){15}(?!\d)", RegexOptions.CultureInvariant, 200)]
    private static partial Regex NikPattern();

    // Indonesian numbers: +62, 62 or 0, then 8 to 13 more digits with any usual separators, also glued
    // to a word ("hp081234567890", "wa:+62-812..."); not an amount ("Rp 62.000.000.000").
    [GeneratedRegex(@"(?<![\d+])(?<!\d[.,])(?<!Rp\.?\s?)\(?(?:\+\s*62|62|0)(?:[\s.\-()]{0,3}\d){8,13}(?!\d)", RegexOptions.CultureInvariant, 200)]
    private static partial Regex PhonePattern();

    // "No. 12", "Nomor 12A", "No.12/3", "Blok C2 No. 15", "Kav. 7": a household's number; not "Perda No. 5 Tahun 2020".
    // Each run of spaces is taken whole, (?>\s*), and an optional colon or dash comes with the spaces after
    // it: what follows a run is never a space, so this matches what "\s*:?\s*" does, in one way instead of
    // one per split of the run.
    [GeneratedRegex(@"\b(?:Blok(?>\s*)[A-Z]{0,2}\d{0,3}[A-Z]?(?>\s*))?(?:No|Nmr|Nomor|Nomer|Kav|Kavling)\.?(?>\s*)(?::(?>\s*))?\d{1,4}[A-Za-z]?(?:(?>\s*)[/\-](?>\s*)\d{1,4}[A-Za-z]?)?\b(?!(?>\s*)(?:Tahun|Thn|Th)\b)|\bBlok(?>\s*)[A-Z]{1,2}(?>\s*)(?:-(?>\s*))?\d{1,3}[A-Z]?\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex HouseNumberPattern();

    // "Jl. Melati 12", "Gang Mawar II 7": a number right after a street name of one to three words; not "Jl. Raya Bekasi Km 27".
    [GeneratedRegex(@"\b(?:Jl|Jln|Jalan|Gg|Gang)\.?(?>\s+)(?:(?!Km\b|KM\b)[A-Z](?>[\w'\-]*)\.?(?>\s+)){1,3}(?<n>\d{1,4}[A-Za-z]?)\b(?!(?>\s*)(?:km|m|meter|kilometer)\b)",
        RegexOptions.CultureInvariant, 200)]
    private static partial Regex BareHouseNumberPattern();

    // A name after an honorific: "Bapak Budi Santoso", "Bu Siti", "Sdr. Andi". Offices that follow an
    // honorific ("Bapak Wali Kota", "Ibu Kota", "Pak RT") are not names.
    [GeneratedRegex(@"(?<honorific>\b(?:Bapak|Bpk|Pak|Ibu|Bu|Sdr|Sdri|Saudara|Saudari|Mas|Mbak|Tn|Ny)\.?(?>\s+))(?!(?:Wali|Kota|Lurah|Camat|Kepala|Kadis|Gubernur|Bupati|Presiden|Menteri|Sekda|Dewan|RT|RW|Ketua|Direktur|Dokter|Guru|Polisi|Petugas)\b)[A-Z][a-z'\-]+(?:\s+[A-Z][a-z'\-]+){0,2}",
        RegexOptions.CultureInvariant, 200)]
    private static partial Regex NamePattern();
}
