using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Transparency;

/// <summary>An agency's page, its Atom and JSON feeds and the widget agency websites frame.</summary>
public sealed class AgencyFeedTests : IAsyncLifetime
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private readonly AduanFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AtomFeed_AgencyWithFollowUps_IsValidAtomWithMaskedEntriesNewestFirst()
    {
        var reports = new PublishedReports(_app);
        var first = await reports.CreateAsync("Jalan berlubang di depan Pasar Baru <b>segera</b> & cepat.");
        _app.Time.Advance(TimeSpan.FromHours(2));
        var second = await reports.CreateAsync("Drainase tersumbat di Jalan Ir. H. Juanda.", followUp: "Tim membersihkan saluran; hubungi 0812 9999 8888.");
        using var http = _app.CreateClient();

        using var response = await http.GetAsync("/instansi/dbmsda/feed.atom");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        Assert.Equal("http://localhost/instansi/DBMSDA", feed.Element(Atom + "id")!.Value);
        Assert.NotEmpty(feed.Element(Atom + "title")!.Value);
        Assert.NotEmpty(feed.Element(Atom + "author")!.Element(Atom + "name")!.Value);
        Assert.Contains(feed.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self"
            && (string?)l.Attribute("href") == "http://localhost/instansi/DBMSDA/feed.atom");
        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.Equal(2, entries.Count);
        Assert.StartsWith($"http://localhost/laporan/{second}#e", entries[0].Element(Atom + "id")!.Value, StringComparison.Ordinal);
        Assert.Equal("Tim membersihkan saluran; hubungi [telepon].", entries[0].Element(Atom + "content")!.Value);
        Assert.Equal(PublishedReports.MaskedFollowUpText, entries[1].Element(Atom + "content")!.Value);
        Assert.Equal("text", (string?)entries[1].Element(Atom + "content")!.Attribute("type"));
        Assert.Equal(entries[1].Element(Atom + "id")!.Value, (string?)entries[1].Element(Atom + "link")!.Attribute("href"));
        Assert.Contains(first, entries[1].Element(Atom + "id")!.Value, StringComparison.Ordinal);
        foreach (var entry in entries)
        {
            Assert.True(DateTimeOffset.TryParse(entry.Element(Atom + "updated")!.Value, out _));
        }

        Assert.Equal(entries[0].Element(Atom + "updated")!.Value, feed.Element(Atom + "updated")!.Value);
    }

    [Fact]
    public async Task JsonFeed_AgencyWithFollowUps_IsJsonFeed11WithMaskedItems()
    {
        var reports = new PublishedReports(_app);
        var code = await reports.CreateAsync("Jalan berlubang di depan Pasar Baru.");
        using var http = _app.CreateClient();

        using var response = await http.GetAsync("/instansi/DBMSDA/feed.json?lang=en");

        Assert.Equal("application/feed+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var feed = doc.RootElement;
        Assert.Equal("https://jsonfeed.org/version/1.1", feed.GetProperty("version").GetString());
        Assert.StartsWith("Follow-ups by ", feed.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal("http://localhost/instansi/DBMSDA/feed.json", feed.GetProperty("feed_url").GetString());
        var item = Assert.Single(feed.GetProperty("items").EnumerateArray());
        Assert.StartsWith($"http://localhost/laporan/{code}#e", item.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(PublishedReports.MaskedFollowUpText, item.GetProperty("content_text").GetString());
        Assert.True(DateTimeOffset.TryParse(item.GetProperty("date_published").GetString(), out _));
    }

    [Fact]
    public async Task Widget_AgencyWithFollowUps_MayBeFramedAndLinksBack()
    {
        var reports = new PublishedReports(_app);
        var code = await reports.CreateAsync("Jalan berlubang di depan Pasar Baru.");
        using var visitor = PageClient.For(_app);

        using var response = await visitor.Http.GetAsync("/instansi/DBMSDA/widget");
        var agencyPage = await visitor.GetAsync("/instansi/DBMSDA");

        Assert.False(response.Headers.Contains("X-Frame-Options"));
        Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());
        Assert.Contains("frame-ancestors *", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"http://localhost/laporan/{code}#e", html, StringComparison.Ordinal);
        Assert.Contains(PublishedReports.MaskedFollowUpText, html.Replace("&#x2B;", "+", StringComparison.Ordinal), StringComparison.Ordinal);
        var snippet = agencyPage.QuerySelector("[data-testid=widget-snippet]")!.TextContent;
        Assert.StartsWith("<iframe src=\"http://localhost/instansi/DBMSDA/widget\"", snippet, StringComparison.Ordinal);
        Assert.Contains(PublishedReports.MaskedFollowUpText, agencyPage.QuerySelector("[data-testid=agency-follow-ups]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feeds_UnknownAgency_AreNotFound()
    {
        using var http = _app.CreateClient();

        foreach (var url in new[] { "/instansi/NOPE", "/instansi/NOPE/feed.atom", "/instansi/NOPE/feed.json", "/instansi/NOPE/widget" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task Feeds_StoredTextsWithCharactersXmlCannotHold_StayWellFormed()
    {
        // Rows from before input validation refused these characters, written straight to the database.
        var reports = new PublishedReports(_app);
        var random = new Random(20261212);
        var codes = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            codes.Add(await reports.CreateAsync("Jalan berlubang di depan Pasar Baru."));
        }

        foreach (var code in codes)
        {
            var title = "Judul " + GeneratedText.Next(random, 20, storable: true) + GeneratedText.Broken[random.Next(GeneratedText.Broken.Length)];
            var text = "Tindak lanjut " + GeneratedText.Next(random, 60, storable: true) + GeneratedText.Broken[random.Next(GeneratedText.Broken.Length)];
            await _app.WithDbAsync(async db =>
            {
                await db.Database.ExecuteSqlAsync($"""UPDATE "Complaints" SET "Title" = {title} WHERE "TrackingCode" = {code}""");
                return await db.Database.ExecuteSqlAsync($"""
                    UPDATE "ComplaintEvents" SET "Text" = {text}
                    WHERE "Type" = 'FollowUp' AND "ComplaintId" = (SELECT "Id" FROM "Complaints" WHERE "TrackingCode" = {code})
                    """);
            });
        }

        using var http = _app.CreateClient();

        using var atom = await http.GetAsync("/instansi/DBMSDA/feed.atom");
        using var json = await http.GetAsync("/instansi/DBMSDA/feed.json");

        Assert.Equal(HttpStatusCode.OK, atom.StatusCode);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        var entries = XDocument.Parse(await atom.Content.ReadAsStringAsync()).Root!.Elements(Atom + "entry").ToList();
        Assert.Equal(codes.Count, entries.Count);
        Assert.All(entries, e => Assert.StartsWith("Tindak lanjut ", e.Element(Atom + "content")!.Value, StringComparison.Ordinal));
        using var feed = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        Assert.Equal(codes.Count, feed.RootElement.GetProperty("items").GetArrayLength());
    }
}
