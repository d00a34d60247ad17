using System.Net;
using System.Text;
using System.Xml.Linq;
using Aduan.Complaints;
using Aduan.Federation;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Federation;

/// <summary>The legacy LAPOR! XML stream: off by default, one intake, one report per external id.</summary>
public sealed class LaporLegacyTests : IAsyncLifetime
{
    private readonly AduanFactory _app = AduanFactory.With(("Aduan:Federation:Lapor:Enabled", "true"));

    public Task InitializeAsync() => FederationSetup.AddKeyAsync(_app, "lapor-pusat", FederationSetup.CityKeyForHub);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Stream(string token, string id = "LAPOR-2606-001", string attributes = "rahasia=\"0\" anonim=\"1\"") => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <lapor token="{token}">
          <pelapor><nama>Siti Aminah</nama><telepon>081234567890</telepon><email>siti@contoh.id</email></pelapor>
          <laporan id="{id}" {attributes} kategori="JALAN">
            <judul>Jalan berlubang</judul>
            <isi>Jalan di depan SDN Margahayu 5 berlubang besar dan membahayakan pengendara motor.</isi>
            <lokasi>Jl. Margahayu No. 5, Bekasi Timur</lokasi>
          </laporan>
        </lapor>
        """;

    private static async Task<(HttpStatusCode Status, XDocument Body)> PostAsync(AduanFactory app, string body)
    {
        using var http = app.CreateClient();
        var response = await http.PostAsync(LaporLegacy.Path, new StringContent(body, Encoding.UTF8, "text/xml"));
        Assert.StartsWith("text/xml", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        return (response.StatusCode, XDocument.Parse(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Post_FederationTokenTwice_OneAnonymousReportOnChannelHubAndTheSameTrackingId()
    {
        var (status, first) = await PostAsync(_app, Stream(FederationSetup.CityKeyForHub));
        var (_, again) = await PostAsync(_app, Stream(FederationSetup.CityKeyForHub));

        Assert.Equal(HttpStatusCode.OK, status);
        var code = first.Root!.Element("laporan")!.Element("trackingid")!.Value;
        Assert.Equal("LAPOR-2606-001", first.Root.Element("laporan")!.Attribute("id")!.Value);
        Assert.Equal(code, again.Root!.Element("laporan")!.Element("trackingid")!.Value);
        var report = await _app.WithDbAsync(db => db.Complaints.SingleAsync());
        Assert.Equal((code, Channel.Hub, PrivacyMode.Anonymous, "LAPOR-2606-001"), (report.TrackingCode, report.Channel, report.Privacy, report.ExternalId));
        Assert.Equal("Jalan berlubang", report.Title);
        Assert.Equal("Siti Aminah", report.Reporter.Name);
    }

    [Fact]
    public async Task Post_Rahasia_Confidential()
    {
        await PostAsync(_app, Stream(FederationSetup.CityKeyForHub, "LAPOR-9", "rahasia=\"1\" anonim=\"0\""));

        Assert.Equal(PrivacyMode.Confidential, await _app.WithDbAsync(db => db.Complaints.Select(c => c.Privacy).SingleAsync()));
    }

    [Fact]
    public async Task Post_UnknownOrNonFederationToken_403AndNothingStored()
    {
        await FederationSetup.AddKeyAsync(_app, "fixmystreet", "aduan_fedcba9876543210fedcba9876543210fedcba98", federation: false);

        var (unknown, body) = await PostAsync(_app, Stream("aduan_salah"));
        var (plain, _) = await PostAsync(_app, Stream("aduan_fedcba9876543210fedcba9876543210fedcba98"));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (unknown, plain));
        Assert.NotEmpty(body.Root!.Element("error")!.Value);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Complaints.CountAsync()));
    }

    [Fact]
    public async Task Post_DtdOrNotXml_400NeverExpanded()
    {
        var dtd = """<?xml version="1.0"?><!DOCTYPE lapor [<!ENTITY x SYSTEM "file:///etc/passwd">]><lapor token="t">&x;</lapor>""";

        var (withDtd, body) = await PostAsync(_app, dtd);
        var (notXml, _) = await PostAsync(_app, "lapor: bukan xml");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (withDtd, notXml));
        Assert.DoesNotContain("root:", body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_TextTooShort_ErrorNamesTheFieldAndNothingStored()
    {
        var (status, body) = await PostAsync(_app, Stream(FederationSetup.CityKeyForHub).Replace(
            "Jalan di depan SDN Margahayu 5 berlubang besar dan membahayakan pengendara motor.", "Rusak", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("text", body.Root!.Element("laporan")!.Element("error")!.Attribute("field")!.Value);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Complaints.CountAsync()));
    }

    [Fact]
    public async Task Post_NotEnabled_404()
    {
        await using var off = new AduanFactory();

        var (status, _) = await PostAsync(off, Stream(FederationSetup.CityKeyForHub));

        Assert.Equal(HttpStatusCode.NotFound, status);
    }
}
