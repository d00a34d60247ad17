using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace Aduan.Open311;

/// <summary>The two wire formats of GeoReport v2, chosen by the resource's suffix (<c>requests.xml</c>, <c>requests.json</c>).</summary>
public enum Open311Format
{
    Xml,
    Json,
}

/// <summary>
/// A GeoReport v2 answer as a small tree, written as XML or JSON by <see cref="Open311Writer"/>: the
/// mapping builds it once and both formats follow the spec's examples from the same shape. Kept apart
/// from the HTTP handling so that the federation's client can build and compare the same documents.
/// </summary>
public abstract record Open311Node(string Name);

/// <summary>A leaf: text, a number, a boolean, an instant (written in WIB with its offset) or nothing (an empty element, JSON null).</summary>
public sealed record Open311Value(string Name, object? Value) : Open311Node(Name);

/// <summary>Named fields in order: an XML element with children, a JSON object.</summary>
public sealed record Open311Object(string Name, IReadOnlyList<Open311Node> Fields) : Open311Node(Name)
{
    public Open311Object(string name, params Open311Node[] fields)
        : this(name, (IReadOnlyList<Open311Node>)fields)
    {
    }
}

/// <summary>A repeated element: <c>&lt;services&gt;&lt;service&gt;…</c> in XML, an array in JSON.</summary>
public sealed record Open311List(string Name, IReadOnlyList<Open311Node> Items) : Open311Node(Name);

/// <summary>Writes <see cref="Open311Node"/> trees: XML with <see cref="XmlWriter"/> (never by concatenation), JSON with <see cref="Utf8JsonWriter"/>.</summary>
public static class Open311Writer
{
    /// <summary>Western Indonesia Time, the city's offset, for every date the answers carry.</summary>
    public static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    public static string Instant(DateTimeOffset at) => at.ToOffset(Wib).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static async Task WriteAsync(Stream output, Open311Node root, Open311Format format, CancellationToken ct)
    {
        if (format == Open311Format.Xml)
        {
            var settings = new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = true };
            await using var xml = XmlWriter.Create(output, settings);
            await xml.WriteStartDocumentAsync();
            await WriteXmlAsync(xml, root);
            await xml.WriteEndDocumentAsync();
            await xml.FlushAsync();
            return;
        }

        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        WriteJson(json, root, asProperty: false);
        await json.FlushAsync(ct);
    }

    private static async Task WriteXmlAsync(XmlWriter xml, Open311Node node)
    {
        await xml.WriteStartElementAsync(null, node.Name, null);
        switch (node)
        {
            case Open311Value v when Text(v.Value) is { } text:
                await xml.WriteStringAsync(text);
                break;
            case Open311Object o:
                foreach (var field in o.Fields)
                {
                    await WriteXmlAsync(xml, field);
                }

                break;
            case Open311List l:
                foreach (var item in l.Items)
                {
                    await WriteXmlAsync(xml, item);
                }

                break;
        }

        await xml.WriteEndElementAsync();
    }

    /// <summary>
    /// The root list is the JSON array itself (as the spec's examples: <c>[{"service_code": …}]</c>);
    /// a list inside an object is an array of its items' values (<c>"formats": ["text/xml", …]</c>).
    /// </summary>
    private static void WriteJson(Utf8JsonWriter json, Open311Node node, bool asProperty)
    {
        if (asProperty)
        {
            json.WritePropertyName(node.Name);
        }

        switch (node)
        {
            case Open311Value v:
                WriteJsonValue(json, v.Value);
                break;
            case Open311Object o:
                json.WriteStartObject();
                foreach (var field in o.Fields)
                {
                    WriteJson(json, field, asProperty: true);
                }

                json.WriteEndObject();
                break;
            case Open311List l:
                json.WriteStartArray();
                foreach (var item in l.Items)
                {
                    WriteJson(json, item, asProperty: false);
                }

                json.WriteEndArray();
                break;
        }
    }

    private static void WriteJsonValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case bool b: json.WriteBooleanValue(b); break;
            case int i: json.WriteNumberValue(i); break;
            case long l: json.WriteNumberValue(l); break;
            case double d: json.WriteNumberValue(d); break;
            default: json.WriteStringValue(Text(value)); break;
        }
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        DateTimeOffset at => Instant(at),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
