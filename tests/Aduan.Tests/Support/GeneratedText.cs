using System.Globalization;
using System.Text;

namespace Aduan.Tests.Support;

/// <summary>Random text from pools of the characters that break XML, normalisation and "is it empty" checks, and ordinary ones.</summary>
public static class GeneratedText
{
    /// <summary>Noncharacters (also beyond the first plane) and controls: refused as input, yet older rows may hold them.</summary>
    public static readonly string[] Broken =
    [
        "\uFFFE", "\uFFFF", "\uFDD0", "\uFDEF", "\uD83F\uDFFE", "\uDBFF\uDFFF",
        "\u0001", "\u0007", "\u0008", "\u000B", "\u000C", "\u001B", "\u007F", "\u0085", "\u009F",
    ];

    /// <summary>What no database holds either: SQLite stores U+FFFD for an unpaired surrogate, PostgreSQL refuses it and NUL.</summary>
    public static readonly string[] Unstorable = ["\uD83D", "\uDE00", "\uDBFF", "\u0000"];

    /// <summary>Allowed but odd: zero-width, format and blank characters, marks, variation selectors, emoji (valid pairs, joined ones).</summary>
    public static readonly string[] Odd =
    [
        "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u202E", "\u2028", "\u3164",
        "\uFE0F", "\uDB40\uDD00", "\u0301", "\u0308", "\u20DD",
        "\uD83D\uDE00", "\uD83D\uDC4D\uD83C\uDFFD", "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
    ];

    private static readonly string[] Ordinary = ["a", "Jalan", " ", "\n", "\t", "é", "e\u0301", "ﬁ", "<b>", "&", "\"", "'", "=", "漢", "ب", "1"];

    /// <summary>
    /// <paramref name="pieces"/> pieces; each text has its own share of broken ones (none, a few or many),
    /// so that both texts that pass and texts that are refused come out.
    /// </summary>
    public static string Next(Random random, int pieces, bool storable = false)
    {
        var brokenShare = new[] { 0, 0.05, 0.3 }[random.Next(3)];
        var text = new StringBuilder();
        for (var i = 0; i < pieces; i++)
        {
            var pool = random.NextDouble() < brokenShare
                ? (storable || random.Next(3) > 0 ? Broken : Unstorable)
                : random.Next(2) == 0 ? Odd : Ordinary;
            text.Append(pool[random.Next(pool.Length)]);
        }

        return text.ToString();
    }

    /// <summary>As a JSON string's content, every non-ASCII UTF-16 unit escaped: unpaired surrogates get through as they are.</summary>
    public static string JsonEscaped(string text)
    {
        var json = new StringBuilder();
        foreach (var c in text)
        {
            if (c is >= ' ' and < (char)0x7F and not ('"' or '\\'))
            {
                json.Append(c);
            }
            else
            {
                json.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
        }

        return json.ToString();
    }
}
