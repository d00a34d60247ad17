using System.Globalization;
using System.Text;
using Aduan.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Aduan.Infrastructure;

/// <summary>Collects field errors in the request's language; one 400 lists them all.</summary>
public sealed class Validation(IStringLocalizer<SharedResource> text)
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool IsValid => _errors.Count == 0;

    /// <summary>Messages by field, for a form that shows them beside its fields.</summary>
    public IReadOnlyDictionary<string, List<string>> Errors => _errors;

    public void Add(string field, string messageKey, params object[] args)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(text[messageKey, args]);
    }

    /// <summary>
    /// Refuses what is not text (noncharacters, unpaired surrogates), trims, treats a text with nothing
    /// visible (only spaces, zero-width and other invisible characters) as empty, normalises to NFC
    /// and checks length and control characters. Markup such as &lt;script&gt; is kept as typed: it is
    /// stored as text and always rendered escaped.
    /// </summary>
    public string? Text(string field, string? value, int min, int max, bool required)
    {
        // Before normalising, which throws on both; and nothing downstream (XML feeds, exports) need ever meet them.
        if (value is not null && !IsWellFormed(value))
        {
            Add(field, "Field.InvalidCharacters");
            return null;
        }

        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed) || !HasVisibleCharacter(trimmed))
        {
            if (required)
            {
                Add(field, "Field.Required");
            }

            return null;
        }

        if (!trimmed.IsNormalized(NormalizationForm.FormC))
        {
            trimmed = trimmed.Normalize(NormalizationForm.FormC);
        }

        if (trimmed.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            Add(field, "Field.ControlCharacters");
            return null;
        }

        // UTF-16 units, as the database columns count them: an emoji counts two.
        if (trimmed.Length < min || trimmed.Length > max)
        {
            if (min <= 1)
            {
                Add(field, "Field.MaxLength", max);
            }
            else
            {
                Add(field, "Field.Length", min, max);
            }

            return null;
        }

        return trimmed;
    }

    /// <summary>
    /// False for an unpaired surrogate or a noncharacter (U+FDD0 to U+FDEF and the last two code points
    /// of every plane, U+FFFE, U+FFFF, U+1FFFE ...): Unicode reserves those for a program's own use, never for text.
    /// </summary>
    public static bool IsWellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            int codePoint = value[i];
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                codePoint = char.ConvertToUtf32(value[i], value[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }

            if (codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether anything of <paramref name="value"/> (well-formed) shows: not only separators, controls,
    /// format characters (zero-width spaces and joiners, U+2060, U+FEFF, the soft hyphen), marks with
    /// nothing to sit on (variation selectors among them) and the blank letters that render as nothing.
    /// </summary>
    public static bool HasVisibleCharacter(string value)
    {
        foreach (var rune in value.EnumerateRunes())
        {
            var invisible = Rune.GetUnicodeCategory(rune) is UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
                    or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Control or UnicodeCategory.Format
                    or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
                || rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800; // Hangul fillers, the blank Braille pattern
            if (!invisible)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One defined name of <typeparamref name="T"/>, any case; null when absent, or wrong (the error lists the names).</summary>
    public T? Enum<T>(string field, string? value)
        where T : struct, Enum
    {
        if (value is null)
        {
            return null;
        }

        if (StrictEnumConverter.TryParse(value, out T parsed))
        {
            return parsed;
        }

        Add(field, "Field.UnknownValue", Clip(value), string.Join(", ", System.Enum.GetNames<T>()));
        return null;
    }

    /// <summary>What of a wrong value an error message repeats: at most 40 characters.</summary>
    public static string Clip(string value) => value.Length > 40 ? value[..40] : value;

    public ProblemHttpResult ToProblem(Problems problems) =>
        problems.Validation(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
}
