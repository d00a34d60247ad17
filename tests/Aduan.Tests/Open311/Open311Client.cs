using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Aduan.Open311;
using Aduan.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Open311;

/// <summary>Speaks to /open311/v2/ as a client would: joins paths to the base URL with its trailing slash, parses every answer.</summary>
public sealed class Open311Client(AduanFactory app)
{
    /// <summary>The endpoint as a client is configured with it, trailing slash included; clients append "requests.xml".</summary>
    public const string Endpoint = "http://localhost/open311/v2/";

    public HttpClient Http { get; } = app.CreateClient();

    public static Uri Url(string path) => new(Endpoint + path);

    public async Task<(HttpStatusCode Status, XDocument Xml)> GetXmlAsync(string path)
    {
        var response = await Http.GetAsync(Url(path));
        Assert.StartsWith("text/xml", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", body, StringComparison.Ordinal);
        return (response.StatusCode, XDocument.Parse(body));
    }

    public async Task<(HttpStatusCode Status, JsonElement Json)> GetJsonAsync(string path)
    {
        var response = await Http.GetAsync(Url(path));
        Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    public async Task<(HttpStatusCode Status, XDocument Xml)> PostXmlAsync(string path, IEnumerable<KeyValuePair<string, string>> form)
    {
        var response = await Http.PostAsync(Url(path), new FormUrlEncodedContent(form));
        return (response.StatusCode, XDocument.Parse(await response.Content.ReadAsStringAsync()));
    }

    public async Task<(HttpStatusCode Status, JsonElement Json)> PostJsonAsync(string path, IEnumerable<KeyValuePair<string, string>> form)
    {
        var response = await Http.PostAsync(Url(path), new FormUrlEncodedContent(form));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>A new key, made as the command line makes it; returns the secret.</summary>
    public async Task<string> NewKeyAsync(string name = "fixmystreet")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeys>().CreateAsync(name, "test", null, CancellationToken.None);
        return created.Secret!;
    }

    public async Task RevokeAsync(string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ApiKeys>().RevokeAsync(name, "test", null, CancellationToken.None);
    }

    /// <summary>The element names of each child of <paramref name="element"/>, in order.</summary>
    public static List<string> Names(XElement element) => element.Elements().Select(e => e.Name.LocalName).ToList();

    /// <summary>A request as FixMyStreet's client posts it (perllib/Open311.pm): jurisdiction and key in the body, the name split, extras as attributes.</summary>
    public static List<KeyValuePair<string, string>> FixMyStreetRequest(string apiKey, string? serviceCode = "JALAN", string? lat = "-6.238270",
        string? lng = "106.975573") =>
    [
        new("jurisdiction_id", "bekasikota.go.id"),
        new("api_key", apiKey),
        new("description", "Lubang di jalan\r\n\r\nLubang besar di depan SDN Margahayu 5, motor sering jatuh.\r\n\r\nhttps://fixmystreet.example/report/42\r\n"),
        new("service_code", serviceCode ?? ""),
        new("first_name", "Siti"),
        new("last_name", "Aminah"),
        new("email", "siti@contoh.id"),
        new("phone", "0812-3456-7890"),
        new("lat", lat ?? ""),
        new("long", lng ?? ""),
        new("media_url", "https://fixmystreet.example/photo/42.full.jpeg"),
        new("attribute[title]", "Lubang di jalan"),
        new("attribute[fixmystreet_id]", "42"),
        new("attribute[kind][]", "Complaint"),
    ];
}
