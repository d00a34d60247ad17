using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Aduan.Open311;

/// <summary>
/// A request's fields as a GeoReport v2 client sends them: the query string for a GET, the
/// form-encoded body for a POST (FixMyStreet sends everything there, <c>api_key</c> and
/// <c>jurisdiction_id</c> included), and <c>attribute[code]</c> / <c>attribute[code][]</c> by code.
/// </summary>
public sealed class Open311Form(IEnumerable<KeyValuePair<string, StringValues>> fields)
{
    private readonly Dictionary<string, StringValues> _fields = fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);

    public static async Task<Open311Form> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (HttpMethods.IsPost(request.Method) && request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            return new Open311Form(form.Concat(request.Query.Where(q => !form.ContainsKey(q.Key))));
        }

        return new Open311Form(request.Query);
    }

    /// <summary>The field's first value, trimmed; null when absent or blank.</summary>
    public string? this[string name] =>
        _fields.TryGetValue(name, out var v) && v.FirstOrDefault(s => !string.IsNullOrWhiteSpace(s)) is { } s ? s.Trim() : null;

    /// <summary>Every non-blank value of the field (a repeated <c>media_url</c>).</summary>
    public IReadOnlyList<string> All(string name) =>
        _fields.TryGetValue(name, out var v) ? v.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()).ToList() : [];

    /// <summary>A comma-separated list (<c>service_request_id=A,B</c>), also when the field is repeated.</summary>
    public IReadOnlyList<string> List(string name) => All(name)
        .SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();

    /// <summary>The attributes by code: <c>attribute[kind]=X</c> and <c>attribute[kind][]=X&amp;attribute[kind][]=Y</c> alike.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Attributes()
    {
        var attributes = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, values) in _fields)
        {
            if (!key.StartsWith("attribute[", StringComparison.Ordinal))
            {
                continue;
            }

            var end = key.IndexOf(']', StringComparison.Ordinal);
            var rest = end < 0 ? null : key[(end + 1)..];
            if (end <= "attribute[".Length || rest is not ("" or "[]"))
            {
                continue;
            }

            var code = key["attribute[".Length..end];
            if (!attributes.TryGetValue(code, out var list))
            {
                attributes[code] = list = [];
            }

            list.AddRange(values.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()));
        }

        return attributes.ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// A coordinate in the invariant culture, whatever the client's locale wrote: a decimal comma
    /// (<c>-6,238270</c>) is read as a point, as long as there is only one and no point besides.
    /// </summary>
    public static bool TryCoordinate(string value, out double coordinate)
    {
        var text = value.Trim();
        if (!text.Contains('.', StringComparison.Ordinal) && text.Count(ch => ch == ',') == 1)
        {
            text = text.Replace(',', '.');
        }

        return double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out coordinate) && double.IsFinite(coordinate);
    }

    /// <summary>A W3C date-time with its zone (<c>2026-06-02T10:00:00+07:00</c> or <c>…Z</c>); one without a zone is refused.</summary>
    public static bool TryInstant(string value, out DateTimeOffset instant)
    {
        instant = default;
        var text = value.Trim().Replace(' ', '+'); // a "+07:00" that was not URL-encoded arrives as a space
        var hasZone = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        return hasZone && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out instant);
    }
}
