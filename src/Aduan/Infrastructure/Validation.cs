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
    /// Trims, normalises to NFC and checks length and control characters. Markup such as
    /// &lt;script&gt; is kept as typed: it is stored as text and always rendered escaped.
    /// </summary>
    public string? Text(string field, string? value, int min, int max, bool required)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
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
