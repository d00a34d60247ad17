using System.Globalization;
using System.Text;
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
/// The patterns see the text as a reader does (<see cref="Fold"/>): compatibility forms folded (fullwidth
/// digits and @, mathematical digits), every script's digits as ASCII digits, dashes as "-", invisible
/// format characters removed; the published text is that folded text.
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
    public const int Version = 2;

    /// <summary>What is published instead of a text the mask could not finish in time.</summary>
    public const string Withheld = "[teks disembunyikan]";

    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);

    // "siti@contoh.id", "siti @ contoh . id", "siti(at)contoh(dot)id", "siti [at] contoh [dot] co [dot] id",
    // "siti [at] contoh [.] id", in letters of any script ("büdi@gmäil.com").
    private static readonly Regex EmailPattern = new(
        @"[\p{L}\p{N}._%+\-]+\s*(?:@|\(at\)|\[at\]|\s+at\s+)\s*[\p{L}\p{N}\-]+(?:\s*(?:\.|\(dot\)|\[dot\]|\[\.\]|\(\.\)|\s+dot\s+)\s*[\p{L}\p{N}\-]+)+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, Timeout);

    // The RT/RW after a house number ("No. 12 RT 03/RW 05", "No.12 rt03/05"): with it, one household.
    // RT/RW alone ("warga RT 03 kebanjiran") is a neighbourhood of dozens of households and says where
    // the problem is, so it stays.
    private static readonly Regex NeighbourhoodAfterHousePattern = new(
        @"\[alamat\](?:[\s,/]*(?:RT|RW)\s*\.?\s*:?\s*\d{1,3}(?:\s*/\s*\d{1,3})?)+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, Timeout);

    public static string? Apply(string? text) => Apply(text, Mask);

    /// <summary>
    /// The text as a reader sees it, in one linear pass: NFKC (fullwidth and mathematical forms become
    /// plain), digits of every script become ASCII digits, every dash becomes "-", and invisible format
    /// characters (zero-width spaces and joiners, bidi controls, soft hyphens) are removed.
    /// </summary>
    public static string Fold(string text)
    {
        string normalized;
        try
        {
            normalized = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            normalized = text; // not well-formed UTF-16 (intake refuses it; old data might not): fold what can be
        }

        StringBuilder? folded = null;
        var index = 0;
        foreach (var rune in normalized.EnumerateRunes())
        {
            var replacement = Rune.GetUnicodeCategory(rune) switch
            {
                UnicodeCategory.Format => "",
                UnicodeCategory.DecimalDigitNumber when !rune.IsAscii => ((int)Rune.GetNumericValue(rune)).ToString(CultureInfo.InvariantCulture),
                UnicodeCategory.DashPunctuation when rune.Value != '-' => "-",
                _ when rune.Value == 0x2212 => "-", // minus sign
                _ => null,
            };
            if (replacement is not null)
            {
                folded ??= new StringBuilder(normalized, 0, index, normalized.Length);
                folded.Append(replacement);
            }
            else
            {
                folded?.Append(rune.ToString());
            }

            index += rune.Utf16SequenceLength;
        }

        return folded?.ToString() ?? normalized;
    }

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
        text = Fold(text);
        text = EmailPattern.Replace(text, Email);
        text = NikPattern().Replace(text, Nik);
        text = PhonePattern().Replace(text, Phone);
        text = HouseNumberPattern().Replace(text, Address);
        text = BareHouseNumberPattern().Replace(text, m => m.Value[..(m.Groups["n"].Index - m.Index)] + Address);
        text = EstateHousePattern().Replace(text, m => m.Value[..(m.Groups["n"].Index - m.Index)] + Address);
        text = NeighbourhoodAfterHousePattern.Replace(text, Address);
        return NamePattern().Replace(text, m => m.Groups["honorific"].Value + Name);
    }

    // Sixteen digits, also in groups with spaces, dots, dashes, slashes, underscores, commas or middle
    // dots ("3275 0101-0101 0001", "3275_0101_0101_0001") and glued to words ("NIK3275010101010001"),
    // not directly inside a longer number.
    [GeneratedRegex(@"(?<!\d)\d(?:[\s.\-/_,·•]{0,3}\d){15}(?!\d)", RegexOptions.CultureInvariant, 200)]
    private static partial Regex NikPattern();

    // Indonesian numbers: +62, 62 or 0 (also a letter O before the 8 of a mobile number), then 8 to 13
    // more digits with any usual separators (spaces, dots, dashes, brackets, slashes, underscores,
    // commas, middle dots), also glued to a word ("hp081234567890", "wa:+62-812..."); not an amount
    // ("Rp 62.000.000.000").
    [GeneratedRegex(@"(?<![\d+])(?<!\d[.,])(?<!Rp\.?\s?)\(?(?:\+\s*62|62|0|[Oo](?=[\s.\-()/_,·•]{0,3}8))(?:[\s.\-()/_,·•]{0,3}\d){8,13}(?!\d)", RegexOptions.CultureInvariant, 200)]
    private static partial Regex PhonePattern();

    // "No. 12", "Nomor 12A", "No.12/3", "Blok C2 No. 15", "Kav. 7": a household's number; not "Perda No. 5 Tahun 2020".
    // Each run of spaces is taken whole, (?>\s*), and an optional colon or dash comes with the spaces after
    // it: what follows a run is never a space, so this matches what "\s*:?\s*" does, in one way instead of
    // one per split of the run.
    [GeneratedRegex(@"\b(?:Blok(?>\s*)[A-Z]{0,2}\d{0,3}[A-Z]?(?>\s*))?(?:No|Nmr|Nomor|Nomer|Kav|Kavling)\.?(?>\s*)(?::(?>\s*))?\d{1,4}[A-Za-z]?(?:(?>\s*)[/\-](?>\s*)\d{1,4}[A-Za-z]?)?\b(?!(?>\s*)(?:Tahun|Thn|Th)\b)|\bBlok(?>\s*)[A-Z]{1,2}(?>\s*)(?:-(?>\s*))?\d{1,3}[A-Z]?\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex HouseNumberPattern();

    // "Jl. Melati 12", "Gang Mawar II 7", "Gg. Mawar II/7": a number right after a street name of one to
    // three words; not "Jl. Raya Bekasi Km 27".
    [GeneratedRegex(@"\b(?i:Jl|Jln|Jalan|Gg|Gang)\.?(?>\s+)(?:(?!(?i:Km)\b)[A-Za-z](?>[\w'\-]*)\.?(?>\s+)){0,2}(?!(?i:Km)\b)[A-Za-z](?>[\w'\-]*)\.?(?:(?>\s+)|(?>\s+)[IVX]{1,4}(?>\s*)/(?>\s*)|(?>\s*)/(?>\s*))(?<n>\d{1,4}[A-Za-z]?)\b(?!(?>\s*)(?i:km|m|meter|kilometer|cm|hari|minggu|bulan|tahun|jam|menit|kali|lubang|titik|orang|unit|buah|lampu|tiang|rumah)\b)",
        RegexOptions.CultureInvariant, 200)]
    private static partial Regex BareHouseNumberPattern();

    // "Cluster Anggrek C-12", "Perumahan Griya Asri B 7", "Komplek Pemda A2": a house code in a housing estate.
    [GeneratedRegex(@"\b(?i:Cluster|Klaster|Komplek|Kompleks|Perum|Perumahan|Residence)\.?(?>\s+)(?:[A-Za-z](?>[\w'\-]*)(?>\s+)){1,3}(?!(?i:RT|RW)\b)(?<n>[A-Za-z]{1,2}(?>\s*)-?(?>\s*)\d{1,3}[A-Za-z]?)\b",
        RegexOptions.CultureInvariant, 200)]
    private static partial Regex EstateHousePattern();

    // A name after an honorific, whatever the case: "Bapak Budi Santoso", "ibu Siti", "BAPAK BUDI SANTOSO",
    // "Sdr. Andi", "Haji Ahmad", "Kak Rina", "a.n. Budi", and typed in lowercase ("pak budi santoso": at most
    // two words, never a common word). Offices that follow an honorific ("Bapak Wali Kota", "ibu kota",
    // "Pak RT", "pak ojek") are not names.
    [GeneratedRegex(@"(?<honorific>\b(?i:Bapak|Bpk|Pak|Ibu|Bu|Sdr|Sdri|Saudara|Saudari|Mas|Mbak|Tn|Ny|Haji|Hajah|Hj|Kak|Bang|Om|Tante|Mpok|Mbah|Ustadz|Ustaz|Ustad|dr(?=\.)|a\.\s?n)\.?(?>\s+))(?!(?i:Wali|Kota|Lurah|Camat|Kepala|Kadis|Gubernur|Bupati|Presiden|Menteri|Sekda|Dewan|RT|RW|Ketua|Direktur|Dokter|Guru|Polisi|Petugas|Satpam|Ojek|Sopir|Supir|Pedagang|Warga|Tukang)\b)(?:[A-Z][A-Za-z'\-]+(?:\s+[A-Z][A-Za-z'\-]+){0,2}|(?!(?:wali|kota|lurah|camat|kepala|kadis|gubernur|bupati|presiden|menteri|sekda|dewan|rt|rw|ketua|direktur|dokter|guru|polisi|petugas|satpam|ojek|sopir|supir|pedagang|warga|tukang|dan|atau|yang|di|ke|dari|sudah|belum|juga|tidak|tak|ini|itu|saya|kami|kita|mereka|dia|untuk|dengan|sebagai|sedang|masih|akan|bilang|mengatakan|ada|harus|bisa|mau|punya|dll|dkk|ibu|bapak|pak|bu|rumah|tinggal|sakit|warga|semua|para|yth)\b)[a-z][a-z'\-]+(?:\s+(?!(?:wali|kota|lurah|camat|kepala|kadis|gubernur|bupati|presiden|menteri|sekda|dewan|rt|rw|ketua|direktur|dokter|guru|polisi|petugas|satpam|ojek|sopir|supir|pedagang|warga|tukang|dan|atau|yang|di|ke|dari|sudah|belum|juga|tidak|tak|ini|itu|saya|kami|kita|mereka|dia|untuk|dengan|sebagai|sedang|masih|akan|bilang|mengatakan|ada|harus|bisa|mau|punya|dll|dkk|ibu|bapak|pak|bu|rumah|tinggal|sakit|warga|semua|para|yth)\b)[a-z][a-z'\-]+)?)",
        RegexOptions.CultureInvariant, 200)]
    private static partial Regex NamePattern();
}
