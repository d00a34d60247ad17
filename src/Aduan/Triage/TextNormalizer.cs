using System.Globalization;
using System.Text;

namespace Aduan.Triage;

/// <summary>
/// Report text as the classifier and the duplicate search read it: lower case, letters and digits
/// only, letters repeated for emphasis cut to two ("bangettt" → "bangett"), and the informal
/// spellings and abbreviations of SMS and chat Indonesian written out ("jln" → "jalan", "gak" →
/// "tidak", "kk" → "kartu keluarga"). The same input always gives the same output.
/// </summary>
public static class TextNormalizer
{
    private static readonly Dictionary<string, string> Forms = new(StringComparer.Ordinal)
    {
        ["jln"] = "jalan", ["jl"] = "jalan", ["jalanan"] = "jalan", ["gg"] = "gang",
        ["gak"] = "tidak", ["ga"] = "tidak", ["gk"] = "tidak", ["nggak"] = "tidak", ["ngga"] = "tidak", ["enggak"] = "tidak",
        ["tdk"] = "tidak", ["tak"] = "tidak", ["kagak"] = "tidak", ["ndak"] = "tidak",
        ["sdh"] = "sudah", ["udah"] = "sudah", ["udh"] = "sudah", ["dah"] = "sudah",
        ["blm"] = "belum", ["blum"] = "belum", ["yg"] = "yang", ["dgn"] = "dengan", ["dg"] = "dengan",
        ["utk"] = "untuk", ["untk"] = "untuk", ["krn"] = "karena", ["karna"] = "karena", ["tp"] = "tapi", ["tpi"] = "tapi",
        ["sy"] = "saya", ["aq"] = "aku", ["km"] = "kamu", ["kmi"] = "kami", ["bgt"] = "banget", ["bngt"] = "banget",
        ["sm"] = "sama", ["sampe"] = "sampai", ["smpe"] = "sampai", ["dr"] = "dari", ["dri"] = "dari", ["pd"] = "pada",
        ["jg"] = "juga", ["lg"] = "lagi", ["msh"] = "masih", ["skrg"] = "sekarang", ["skr"] = "sekarang",
        ["bs"] = "bisa", ["bsa"] = "bisa", ["hrs"] = "harus", ["org"] = "orang", ["tlg"] = "tolong", ["tolongin"] = "tolong",
        ["mhn"] = "mohon", ["sdr"] = "saudara", ["bpk"] = "bapak", ["pak"] = "bapak", ["bu"] = "ibu",
        ["rmh"] = "rumah", ["kmrn"] = "kemarin", ["hr"] = "hari", ["bln"] = "bulan", ["thn"] = "tahun", ["mgg"] = "minggu",
        ["kk"] = "kartu keluarga", ["ktp"] = "kartu tanda penduduk", ["ektp"] = "kartu tanda penduduk elektronik",
        ["pju"] = "penerangan jalan umum", ["tps"] = "tempat pembuangan sampah", ["pdam"] = "air bersih pdam",
        ["rs"] = "rumah sakit", ["rsud"] = "rumah sakit umum daerah", ["pkm"] = "puskesmas",
        ["sd"] = "sekolah dasar", ["smp"] = "sekolah menengah pertama", ["sma"] = "sekolah menengah atas",
        ["bansos"] = "bantuan sosial", ["pbb"] = "pajak bumi bangunan", ["damkar"] = "pemadam kebakaran",
        ["pemkot"] = "pemerintah kota", ["kel"] = "kelurahan", ["kec"] = "kecamatan", ["ortu"] = "orang tua",
        ["bolong"] = "berlubang", ["lobang"] = "lubang",
    };

    /// <summary>The normalised text: tokens separated by single spaces.</summary>
    public static string Normalize(string? text) => string.Join(' ', Tokens(text));

    /// <summary>The normalised tokens, in order (an abbreviation may give several).</summary>
    public static IEnumerable<string> Tokens(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield break;
        }

        var word = new StringBuilder();
        foreach (var ch in Fold(text))
        {
            if (char.IsLetterOrDigit(ch))
            {
                // A letter repeated more than twice is emphasis, never Indonesian spelling.
                if (word.Length >= 2 && char.IsLetter(ch) && word[^1] == ch && word[^2] == ch)
                {
                    continue;
                }

                word.Append(ch);
            }
            else if (word.Length > 0)
            {
                foreach (var t in Expand(word.ToString()))
                {
                    yield return t;
                }

                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            foreach (var t in Expand(word.ToString()))
            {
                yield return t;
            }
        }
    }

    private static string[] Expand(string word)
    {
        // "2" after a word doubles it in chat ("anak2" for "anak-anak"): the word alone is enough here.
        if (word.Length > 2 && word[^1] == '2' && char.IsLetter(word[^2]))
        {
            word = word[..^1];
        }

        return Forms.TryGetValue(word, out var full) ? full.Split(' ') : [word];
    }

    /// <summary>Lower case without diacritics ("é" → "e"), so every spelling of a word meets.</summary>
    private static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
        }

        return sb.ToString();
    }
}
