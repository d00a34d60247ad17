using System.Text.RegularExpressions;

namespace Aduan.Transparency;

/// <summary>
/// Hides phone numbers, e-mail addresses and NIK (16-digit national identity numbers) typed inside
/// a text before it is shown to the public. Deliberately eager: a masked number that was not
/// personal costs less than a published one that was.
/// </summary>
public static partial class PersonalDataMask
{
    public const string Email = "[email]";
    public const string Nik = "[NIK]";
    public const string Phone = "[telepon]";

    public static string? Apply(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        text = EmailPattern().Replace(text, Email);
        text = NikPattern().Replace(text, Nik);
        return PhonePattern().Replace(text, Phone);
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+\s*(?:@|\(at\)|\[at\])\s*[A-Za-z0-9\-]+(?:\s*\.\s*[A-Za-z0-9\-]+)+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex EmailPattern();

    // Sixteen digits, also written in groups ("3275 0101 0101 0001"), not part of a longer number.
    [GeneratedRegex(@"(?<![\d])\d(?:[ .\-]?\d){15}(?![\d])", RegexOptions.CultureInvariant, 200)]
    private static partial Regex NikPattern();

    // Indonesian numbers: +62, 62 or 0, then 8 to 13 more digits with any usual separators.
    [GeneratedRegex(@"(?<![\w+])\(?(?:\+\s*62|62|0)(?:[\s.\-()]*\d){8,13}(?!\d)", RegexOptions.CultureInvariant, 200)]
    private static partial Regex PhonePattern();
}
