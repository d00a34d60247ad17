using System.Text;

namespace Aduan.Sms;

public enum SmsEncoding
{
    Gsm7,
    Ucs2,
}

/// <summary>How a text travels: its encoding, its length in that encoding's units, and the parts it needs.</summary>
public readonly record struct SmsSize(SmsEncoding Encoding, int Units, int Segments);

/// <summary>
/// Counts SMS segments as phones and gateways do (3GPP TS 23.038): GSM-7 when every character is
/// in the default alphabet or its extension table (an extension character takes two septets),
/// otherwise UCS-2 counted in UTF-16 units (an emoji takes two). One segment holds 160 septets or
/// 70 UCS-2 units; a concatenated message 153 or 67 per part, the rest being the part's header.
/// </summary>
public static class SmsSegments
{
    public const int MaxSegments = 3;

    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "^{}\\[~]|€\f";

    public static bool IsGsm7(char ch) => Basic.Contains(ch, StringComparison.Ordinal) || Extension.Contains(ch, StringComparison.Ordinal);

    public static SmsSize Measure(string text)
    {
        var septets = 0;
        foreach (var ch in text)
        {
            if (Basic.Contains(ch, StringComparison.Ordinal))
            {
                septets++;
            }
            else if (Extension.Contains(ch, StringComparison.Ordinal))
            {
                septets += 2;
            }
            else
            {
                return Sized(SmsEncoding.Ucs2, text.Length, 70, 67);
            }
        }

        return Sized(SmsEncoding.Gsm7, septets, 160, 153);
    }

    private static SmsSize Sized(SmsEncoding encoding, int units, int single, int part) =>
        new(encoding, units, units == 0 ? 1 : units <= single ? 1 : (units + part - 1) / part);

    /// <summary>
    /// The reply <paramref name="render"/> makes with as much of <paramref name="part"/> (a report's
    /// title or text) as fits one segment, or, when the rest alone is longer, as few segments as
    /// possible up to <see cref="MaxSegments"/>. Only the part is shortened (ending in "..."): codes and
    /// instructions in the template are never cut.
    /// </summary>
    public static string Fit(Func<string, string> render, string? part, int minPart = 20)
    {
        part = Flatten(part);
        var full = render(part);
        if (Measure(full).Segments == 1)
        {
            return full;
        }

        // One emoji in a quoted text would turn a GSM-7 reply into UCS-2 (70 characters a segment): quote without it.
        if (Measure(render("")).Encoding == SmsEncoding.Gsm7 && Measure(part).Encoding == SmsEncoding.Ucs2)
        {
            part = string.Join(' ', new string(part.Select(ch => IsGsm7(ch) ? ch : ' ').ToArray()).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        for (var segments = 1; segments <= MaxSegments; segments++)
        {
            // Keep at least minPart characters before going to more segments; at the last, as much as fits.
            var floor = segments == MaxSegments ? 0 : Math.Min(minPart, part.Length);
            for (var n = part.Length; n >= floor; n--)
            {
                if (n > 0 && n < part.Length && char.IsHighSurrogate(part[n - 1]))
                {
                    continue; // never half an emoji
                }

                var text = render(n == part.Length ? part : n == 0 ? "" : part[..n].TrimEnd() + "...");
                if (Measure(text).Segments <= segments)
                {
                    return text;
                }
            }
        }

        return render("");
    }

    /// <summary>One line, at most 300 characters to start from: an SMS reply quotes, it does not repeat.</summary>
    private static string Flatten(string? part)
    {
        var sb = new StringBuilder();
        foreach (var ch in part ?? "")
        {
            if (sb.Length >= 300)
            {
                break;
            }

            if (char.IsWhiteSpace(ch) || char.IsControl(ch))
            {
                if (sb.Length > 0 && sb[^1] != ' ')
                {
                    sb.Append(' ');
                }
            }
            else
            {
                sb.Append(ch);
            }
        }

        // Never cut a surrogate pair in half when shortening later: drop a lone trailing high surrogate.
        var s = sb.ToString().Trim();
        return s.Length > 0 && char.IsHighSurrogate(s[^1]) ? s[..^1] : s;
    }
}
