using System.Text;
using System.Text.Json;
using System.Xml;
using Aduan.Infrastructure;
using Aduan.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Aduan.Transparency;

/// <summary>
/// An agency's latest follow-ups as an Atom feed (RFC 4287) and a JSON Feed 1.1: agency websites
/// and feed readers subscribe to them. Entries link to the report's public page.
/// </summary>
public static class AgencyFeeds
{
    private const string AtomNs = "http://www.w3.org/2005/Atom";

    public static async Task<IResult> AtomAsync(string agencyCode, HttpContext http, AgencyFollowUps followUps,
        IStringLocalizer<SharedResource> t, TimeProvider time, CancellationToken ct)
    {
        if (await followUps.FindAgencyAsync(agencyCode, ct) is not { } agency)
        {
            return TypedResults.NotFound();
        }

        var items = await followUps.LatestAsync(agency.Id, ct);
        var site = Cacheable(http);
        var page = $"{site}/instansi/{agency.Code}";
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Async = true }))
        {
            xml.WriteStartElement("feed", AtomNs);
            Element(xml, "id", page);
            Element(xml, "title", t["Agency.Feed.Title", agency.Name]);
            Element(xml, "updated", Instant(items.Count > 0 ? items[0].At : time.Now()));
            Link(xml, "self", page + "/feed.atom", "application/atom+xml");
            Link(xml, "alternate", page, "text/html");
            xml.WriteStartElement("author", AtomNs);
            Element(xml, "name", agency.Name);
            xml.WriteEndElement();
            foreach (var item in items)
            {
                var url = ReportUrl(site, item);
                xml.WriteStartElement("entry", AtomNs);
                Element(xml, "id", url);
                Element(xml, "title", item.ReportTitle);
                Element(xml, "updated", Instant(item.At));
                Link(xml, "alternate", url, "text/html");
                xml.WriteStartElement("content", AtomNs);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(XmlText(item.Text));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        return TypedResults.Bytes(stream.ToArray(), "application/atom+xml; charset=utf-8");
    }

    public static async Task<IResult> JsonAsync(string agencyCode, HttpContext http, AgencyFollowUps followUps,
        IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        if (await followUps.FindAgencyAsync(agencyCode, ct) is not { } agency)
        {
            return TypedResults.NotFound();
        }

        var items = await followUps.LatestAsync(agency.Id, ct);
        var site = Cacheable(http);
        var page = $"{site}/instansi/{agency.Code}";
        var feed = new Dictionary<string, object?>
        {
            ["version"] = "https://jsonfeed.org/version/1.1",
            ["title"] = t["Agency.Feed.Title", agency.Name].Value,
            ["home_page_url"] = page,
            ["feed_url"] = page + "/feed.json",
            ["language"] = t["Page.Lang"].Value,
            ["authors"] = new[] { new { name = agency.Name } },
            ["items"] = items.Select(i => new Dictionary<string, object?>
            {
                ["id"] = ReportUrl(site, i),
                ["url"] = ReportUrl(site, i),
                ["title"] = i.ReportTitle,
                ["content_text"] = i.Text,
                ["date_published"] = Instant(i.At),
            }).ToList(),
        };
        return TypedResults.Text(JsonSerializer.Serialize(feed), "application/feed+json; charset=utf-8");
    }

    /// <summary>The follow-up's own address: the report page, its timeline entry.</summary>
    public static string ReportUrl(string site, PublishedFollowUp item) => $"{site}/laporan/{item.TrackingCode}#e{item.Sequence}";

    /// <summary>The site's configured public address (<see cref="AduanOptions.PublicBaseUrl"/>), never the request's Host header.</summary>
    public static string Site(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<AduanOptions>>().Value.PublicSite;

    /// <summary>Feed readers and the pages framing the widget may keep the answer as long as the server does; returns the site's address.</summary>
    public static string Cacheable(HttpContext http)
    {
        http.Response.Headers.CacheControl = $"public, max-age={(int)AgencyFollowUps.CacheFor.TotalSeconds}";
        http.Response.Headers.Vary = "Accept-Language, Cookie"; // the language comes from these too
        return Site(http);
    }

    private static string Instant(DateTimeOffset at) => XmlConvert.ToString(at.ToUniversalTime().UtcDateTime, XmlDateTimeSerializationMode.Utc);

    /// <summary>
    /// The text with every character XML 1.0 cannot hold (U+FFFE, U+FFFF, an unpaired surrogate, most
    /// controls) replaced by U+FFFD: input validation refuses them now, but older rows may hold them,
    /// and one would make the writer throw halfway through the feed.
    /// </summary>
    public static string XmlText(string text)
    {
        StringBuilder? clean = null;
        for (var i = 0; i < text.Length; i++)
        {
            var length = XmlConvert.IsXmlChar(text[i]) ? 1
                : i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]) ? 2
                : 0;
            if (length == 0)
            {
                clean ??= new StringBuilder(text.Length).Append(text, 0, i);
                clean.Append('\uFFFD');
            }
            else
            {
                clean?.Append(text, i, length);
                i += length - 1;
            }
        }

        return clean?.ToString() ?? text;
    }

    private static void Element(XmlWriter xml, string name, string text) => xml.WriteElementString(name, AtomNs, XmlText(text));

    private static void Link(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link", AtomNs);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", XmlText(href));
        xml.WriteEndElement();
    }
}
