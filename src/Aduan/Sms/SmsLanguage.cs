using System.Text;
using Aduan.Complaints;

namespace Aduan.Sms;

/// <summary>
/// Reads an SMS as citizens really type it: the keyword in any case, with spaces or dots inside
/// (<c>bks kota</c>, <c>Bks.Kota</c>), behind a <c>#</c> and before a colon; then an optional
/// command word in Indonesian or English. Pure: no database, never throws.
/// </summary>
public static class SmsLanguage
{
    private static readonly HashSet<string> ReportWords = new(["ADUAN", "ADU", "LAPOR", "LAPORAN", "KELUHAN", "REPORT", "COMPLAINT"], StringComparer.Ordinal);
    private static readonly HashSet<string> CheckWords = new(["CEK", "CEKK", "CHECK", "CEKSTATUS", "STATUS", "LACAK", "TRACK"], StringComparer.Ordinal);
    private static readonly HashSet<string> HelpWords = new(["INFO", "BANTUAN", "BANTU", "HELP", "MENU", "CARA"], StringComparer.Ordinal);
    private static readonly HashSet<string> ReplyWords = new(["BALAS", "JAWAB", "REPLY", "ANSWER"], StringComparer.Ordinal);
    private static readonly HashSet<string> EnglishCommands = new(["REPORT", "COMPLAINT", "CHECK", "TRACK", "STATUS", "HELP", "REPLY", "ANSWER"], StringComparer.Ordinal);

    private static readonly HashSet<string> EnglishWords = new(
    [
        "the", "is", "are", "was", "a", "an", "of", "in", "on", "at", "near", "street", "road", "broken", "please", "there",
        "my", "not", "and", "with", "for", "to", "from", "has", "have", "been", "this", "that", "it", "light", "water",
        "trash", "garbage", "hole", "flood", "front", "since", "days", "nobody", "what", "how", "when", "where", "why",
    ], StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> IndonesianWords = new(
    [
        "di", "yang", "dan", "tidak", "jalan", "rusak", "ada", "dengan", "ke", "dari", "saya", "tolong", "sudah", "belum",
        "depan", "dekat", "banyak", "sampah", "lampu", "mati", "air", "banjir", "macet", "ini", "itu", "untuk", "kami",
        "rt", "rw", "gang", "kel", "kec", "pak", "bu", "mohon", "sejak", "hari", "tersumbat", "berlubang", "pasar",
    ], StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> AdvertisingWords = new(
    [
        "promo", "gratis", "hadiah", "diskon", "pulsa", "pinjaman", "pinjol", "klik", "menang", "memenangkan", "bonus", "slot",
        "judi", "kuota", "cashback", "undian", "deposit", "transfer", "rekening", "togel", "gacor",
    ], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A message without the keyword that carries a link or several advertising words (prizes, loans,
    /// gambling): stored, never answered. A citizen's message with the keyword is never noise.
    /// </summary>
    public static bool LooksLikeNoise(string text) =>
        text.Contains("http://", StringComparison.OrdinalIgnoreCase) || text.Contains("https://", StringComparison.OrdinalIgnoreCase)
        || text.Contains("www.", StringComparison.OrdinalIgnoreCase) || text.Contains("bit.ly", StringComparison.OrdinalIgnoreCase)
        || Tokens(text).Count(AdvertisingWords.Contains) >= 2;

    public static SmsCommand Parse(string? text, string keyword)
    {
        var clean = Clean(text);
        var rest = AfterKeyword(clean, keyword);
        if (rest is null)
        {
            return new SmsCommand.Plain(clean) { English = LooksEnglish(clean) };
        }

        var (word, after) = FirstWord(rest);
        var upper = word.ToUpperInvariant();
        var english = EnglishCommands.Contains(upper) || LooksEnglish(rest);
        SmsCommand command = upper switch
        {
            _ when ReportWords.Contains(upper) => Report(after),
            _ when CheckWords.Contains(upper) && Tokens(after).Length <= 2 => new SmsCommand.Check(after),
            _ when HelpWords.Contains(upper) && after.Length == 0 => new SmsCommand.Help(),
            _ when ReplyWords.Contains(upper) => ReplyTo(after),
            _ => Report(rest),
        };
        return command with { English = english };
    }

    /// <summary>Simple on purpose: two or more common English words, and more of them than Indonesian ones.</summary>
    public static bool LooksEnglish(string text)
    {
        var tokens = Tokens(text);
        var en = tokens.Count(EnglishWords.Contains);
        var id = tokens.Count(IndonesianWords.Contains);
        return en >= 2 && en > id;
    }

    private static SmsCommand Report(string text) =>
        text.Length >= Complaint.MinTextLength && text.Any(char.IsLetter) ? new SmsCommand.NewReport(text) : new SmsCommand.TooShort();

    /// <summary>The code is one token (<c>K7M2QXP4RT</c>, <c>K7M2Q-XP4RT</c>) or two halves (<c>K7M2Q XP4RT</c>).</summary>
    private static SmsCommand.Reply ReplyTo(string after)
    {
        var tokens = after.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length >= 2 && Alnum(tokens[0]) == 5 && Alnum(tokens[1]) == 5)
        {
            return new SmsCommand.Reply(tokens[0] + tokens[1], tokens.Length == 3 ? TrimStartPunctuation(tokens[2]) : "");
        }

        return tokens.Length == 0
            ? new SmsCommand.Reply("", "")
            : new SmsCommand.Reply(tokens[0], TrimStartPunctuation(after[(after.IndexOf(tokens[0], StringComparison.Ordinal) + tokens[0].Length)..]));
    }

    private static int Alnum(string token) => token.Count(char.IsLetterOrDigit);

    /// <summary>Whitespace of any kind becomes one space; control characters go.</summary>
    private static string Clean(string? text)
    {
        var sb = new StringBuilder(text?.Length ?? 0);
        foreach (var ch in text ?? "")
        {
            if (char.IsWhiteSpace(ch))
            {
                if (sb.Length > 0 && sb[^1] != ' ')
                {
                    sb.Append(' ');
                }
            }
            else if (!char.IsControl(ch) && ch is not ('\u200B' or '\u200C' or '\u200D' or '\uFEFF'))
            {
                sb.Append(ch);
            }
        }

        return sb.ToString().Trim();
    }

    /// <summary>The text after the keyword (and the punctuation after it), or null when it does not start with the keyword.</summary>
    private static string? AfterKeyword(string text, string keyword)
    {
        var i = 0;
        while (i < text.Length && !char.IsLetterOrDigit(text[i]))
        {
            i++;
        }

        for (var k = 0; k < keyword.Length; k++)
        {
            // Between the keyword's letters people type spaces, dots, hyphens: "bks kota", "Bks.Kota", "BKS-KOTA".
            while (k > 0 && i < text.Length && text[i] is ' ' or '.' or '-' or '_')
            {
                i++;
            }

            if (i >= text.Length || char.ToUpperInvariant(text[i]) != char.ToUpperInvariant(keyword[k]))
            {
                return null;
            }

            i++;
        }

        return TrimStartPunctuation(text[i..]);
    }

    private static (string Word, string After) FirstWord(string rest)
    {
        var n = 0;
        while (n < rest.Length && char.IsLetter(rest[n]))
        {
            n++;
        }

        return (rest[..n], TrimStartPunctuation(rest[n..]));
    }

    private static string TrimStartPunctuation(string s)
    {
        var i = 0;
        while (i < s.Length && !char.IsLetterOrDigit(s[i]))
        {
            i++;
        }

        return s[i..].TrimEnd();
    }

    private static string[] Tokens(string text) =>
        text.Split([' ', ',', '.', '!', '?', ':', ';', '"', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
}
