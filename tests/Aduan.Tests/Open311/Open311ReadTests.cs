using System.Net;
using System.Text.Json;
using Aduan.Identity;
using Aduan.Tests.Support;
using Aduan.Tests.Transparency;

namespace Aduan.Tests.Open311;

/// <summary>The GET resources of /open311/v2/ in both formats, against the shapes of the GeoReport v2 spec's examples.</summary>
public sealed class Open311ReadTests : IAsyncLifetime
{
    private static readonly string[] RequestFields =
    [
        "service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible",
        "service_notice", "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat",
        "long", "media_url", "extended_attributes",
    ];

    private readonly AduanFactory _app = new();
    private Open311Client _client = null!;

    public Task InitializeAsync()
    {
        _client = new Open311Client(_app);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Discovery_BothFormats_NameTheV2EndpointAndItsFormats()
    {
        var (status, xml) = await _client.GetXmlAsync("discovery.xml");
        var (_, json) = await _client.GetJsonAsync("discovery.json");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["changeset", "contact", "key_service", "endpoints"], Open311Client.Names(xml.Root!));
        var endpoint = xml.Root!.Element("endpoints")!.Element("endpoint")!;
        Assert.Equal(Open311Client.Endpoint, endpoint.Element("url")!.Value);
        Assert.Equal(["text/xml", "application/json"], endpoint.Element("formats")!.Elements("format").Select(f => f.Value));
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", json.GetProperty("endpoints")[0].GetProperty("specification").GetString());
        Assert.Equal(JsonValueKind.Array, json.GetProperty("endpoints")[0].GetProperty("formats").ValueKind);
    }

    [Fact]
    public async Task Services_BothFormats_OneServicePerActiveCategoryInTheSpecsOrder()
    {
        var (_, xml) = await _client.GetXmlAsync("services.xml");
        var (_, json) = await _client.GetJsonAsync("services.json");

        Assert.Equal("services", xml.Root!.Name.LocalName);
        var jalan = xml.Root.Elements("service").Single(s => s.Element("service_code")!.Value == "JALAN");
        Assert.Equal(["service_code", "service_name", "description", "metadata", "type", "keywords", "group"], Open311Client.Names(jalan));
        Assert.Equal("true", jalan.Element("metadata")!.Value);
        Assert.Equal("realtime", jalan.Element("type")!.Value);
        Assert.False(string.IsNullOrEmpty(jalan.Element("group")!.Value));
        Assert.Equal(JsonValueKind.Array, json.ValueKind);
        Assert.Equal(xml.Root.Elements("service").Count(), json.GetArrayLength());
        var first = json[0];
        Assert.Equal(JsonValueKind.True, first.GetProperty("metadata").ValueKind);
        Assert.Equal(JsonValueKind.String, first.GetProperty("service_code").ValueKind);
    }

    [Fact]
    public async Task Definition_KnownService_AttributesWithTheirValuesInBothFormats()
    {
        var (status, xml) = await _client.GetXmlAsync("services/jalan.xml");
        var (_, json) = await _client.GetJsonAsync("services/JALAN.json");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("service_definition", xml.Root!.Name.LocalName);
        Assert.Equal("JALAN", xml.Root.Element("service_code")!.Value);
        var privacy = xml.Root.Element("attributes")!.Elements("attribute").Single(a => a.Element("code")!.Value == "privacy");
        Assert.Equal(["variable", "code", "datatype", "required", "datatype_description", "order", "description", "values"], Open311Client.Names(privacy));
        Assert.Equal("singlevaluelist", privacy.Element("datatype")!.Value);
        Assert.Equal(["Public", "Anonymous", "Confidential"], privacy.Element("values")!.Elements("value").Select(v => v.Element("key")!.Value));
        var attributes = json.GetProperty("attributes");
        Assert.Equal(4, attributes.GetArrayLength());
        Assert.Equal(JsonValueKind.Number, attributes[0].GetProperty("order").ValueKind);
        Assert.Equal("Bekasi Timur", attributes.EnumerateArray().Single(a => a.GetProperty("code").GetString() == "kecamatan")
            .GetProperty("values").EnumerateArray().Select(v => v.GetProperty("key").GetString()).Single(k => k == "Bekasi Timur"));
    }

    [Fact]
    public async Task Definition_UnknownService_404InTheSpecsErrorForm()
    {
        var (status, xml) = await _client.GetXmlAsync("services/TIDAKADA.xml");
        var (jsonStatus, json) = await _client.GetJsonAsync("services/TIDAKADA.json");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("errors", xml.Root!.Name.LocalName);
        Assert.Equal(["code", "description"], Open311Client.Names(xml.Root.Element("error")!));
        Assert.Equal("404", xml.Root.Element("error")!.Element("code")!.Value);
        Assert.Equal(HttpStatusCode.NotFound, jsonStatus);
        Assert.Equal(404, json[0].GetProperty("code").GetInt32());
        Assert.Contains("TIDAKADA", json[0].GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_PublishedOnly_ConfidentialAndUnverifiedNeverLeaveAndNoPersonalData()
    {
        var reports = new PublishedReports(_app);
        var published = await reports.CreateAsync("Jalan berlubang di depan Pasar Baru, hubungi 0857 1234 5678.");
        var confidential = await reports.CreateAsync("Pungutan liar di kantor kelurahan oleh oknum petugas.", privacy: "Confidential");
        var unverified = await reports.CreateAsync("Lampu jalan mati di depan SDN Margahayu 5 sejak seminggu.", dispatch: false);

        var (_, xml) = await _client.GetXmlAsync("requests.xml");
        var (_, json) = await _client.GetJsonAsync("requests.json");
        var (single, _) = await _client.GetXmlAsync($"requests/{confidential}.xml");

        var ids = xml.Root!.Elements("request").Select(r => r.Element("service_request_id")!.Value).ToList();
        Assert.Equal([published], ids);
        Assert.Equal([published], json.EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()));
        Assert.Equal(RequestFields, Open311Client.Names(xml.Root.Element("request")!));
        var body = xml.ToString() + json.GetRawText();
        Assert.DoesNotContain("Siti", body, StringComparison.Ordinal);
        Assert.DoesNotContain("5678", body, StringComparison.Ordinal);
        Assert.DoesNotContain("siti@contoh.id", body, StringComparison.Ordinal);
        Assert.DoesNotContain(unverified, body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, single);
    }

    [Fact]
    public async Task RequestById_Published_StatusNotesAgencyDeadlineAndWibTimes()
    {
        var code = await new PublishedReports(_app).CreateAsync("Jalan berlubang di depan Pasar Baru, membahayakan motor.");

        var (status, xml) = await _client.GetXmlAsync($"requests/{code.ToLowerInvariant()}.xml");
        var (_, json) = await _client.GetJsonAsync($"requests/{code}.json");

        Assert.Equal(HttpStatusCode.OK, status);
        var request = xml.Root!.Element("request")!;
        Assert.Equal("open", request.Element("status")!.Value);
        Assert.Equal(PublishedReports.MaskedFollowUpText, request.Element("status_notes")!.Value);
        Assert.Equal("Dinas Bina Marga dan Sumber Daya Air", request.Element("agency_responsible")!.Value);
        Assert.Equal("2026-06-02T10:00:00+07:00", request.Element("requested_datetime")!.Value);
        Assert.EndsWith("+07:00", request.Element("expected_datetime")!.Value, StringComparison.Ordinal);
        Assert.Equal("IN_PROGRESS", request.Element("extended_attributes")!.Element("external_status_code")!.Value);
        Assert.Equal("-6.244", request.Element("lat")!.Value); // rounded to about 100 m, as on the register
        Assert.Equal(JsonValueKind.String, json[0].GetProperty("service_request_id").ValueKind);
        Assert.Equal(-6.244, json[0].GetProperty("lat").GetDouble());
        Assert.Equal("JALAN", json[0].GetProperty("service_code").GetString());
    }

    [Fact]
    public async Task Requests_Filters_IdsServiceStatusAndPages()
    {
        var reports = new PublishedReports(_app);
        var first = await reports.CreateAsync("Jalan berlubang di depan Pasar Baru, membahayakan motor.");
        _app.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await reports.CreateAsync("Jalan retak panjang di Jl. Ahmad Yani dekat halte.");
        _app.Time.Advance(TimeSpan.FromMinutes(5));
        var other = await reports.CreateAsync("Sampah menumpuk di pinggir sungai dekat jembatan.", category: "SAMPAH");

        var byIds = await Ids($"requests.xml?service_request_id={first},{other}");
        var byService = await Ids("requests.xml?service_code=JALAN");
        var closed = await Ids("requests.xml?status=closed");
        var page2 = await Ids("requests.xml?service_code=JALAN,SAMPAH&page_size=2&page=2");
        var window = await Ids("requests.xml?start_date=2026-06-02T10:04:00%2B07:00&end_date=2026-06-02T10:06:00%2B07:00");

        Assert.Equal([other, first], byIds);
        Assert.Equal([second, first], byService);
        Assert.Empty(closed);
        Assert.Equal([first], page2);
        Assert.Equal([second], window);
    }

    [Fact]
    public async Task Tokens_TrackingCode_AnswersTheIdAndUnknownIs404()
    {
        var code = await new PublishedReports(_app).CreateAsync("Jalan berlubang di depan Pasar Baru, membahayakan motor.");

        var (_, xml) = await _client.GetXmlAsync($"tokens/{code}.xml");
        var (status, _) = await _client.GetJsonAsync("tokens/K7M2QXP4RT.json");

        Assert.Equal(["service_request_id", "token"], Open311Client.Names(xml.Root!.Element("request")!));
        Assert.Equal(code, xml.Root.Element("request")!.Element("service_request_id")!.Value);
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Updates_Window_PublicChangesOfPublishedReportsOldestFirst()
    {
        var reports = new PublishedReports(_app);
        var code = await reports.CreateAsync("Jalan berlubang di depan Pasar Baru, membahayakan motor.");
        await reports.CreateAsync("Pungutan liar di kantor kelurahan oleh oknum petugas.", privacy: "Confidential");

        var (_, xml) = await _client.GetXmlAsync("servicerequestupdates.xml?start_date=2026-06-02T00:00:00Z&end_date=2026-06-03T00:00:00Z");
        var (_, json) = await _client.GetJsonAsync("servicerequestupdates.json");

        Assert.Equal("service_request_updates", xml.Root!.Name.LocalName);
        var updates = xml.Root.Elements("request_update").ToList();
        Assert.All(updates, u => Assert.Equal(code, u.Element("service_request_id")!.Value));
        Assert.Equal(["OPEN", "INVESTIGATING", "IN_PROGRESS"], updates.Select(u => u.Element("status")!.Value));
        Assert.Equal(["update_id", "service_request_id", "status", "updated_datetime", "description", "media_url", "external_status_code"],
            Open311Client.Names(updates[0]));
        Assert.Equal(PublishedReports.MaskedFollowUpText, updates[^1].Element("description")!.Value);
        Assert.Equal(updates.Count, json.GetArrayLength());
        Assert.Equal(updates[^1].Element("update_id")!.Value, json[updates.Count - 1].GetProperty("update_id").GetString());
    }

    [Theory]
    [InlineData("requests.xml?jurisdiction_id=jakarta.go.id", HttpStatusCode.NotFound, "jakarta.go.id")]
    [InlineData("requests.xml?start_date=kemarin", HttpStatusCode.BadRequest, "start_date")]
    [InlineData("requests.xml?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", HttpStatusCode.BadRequest, "90")]
    [InlineData("requests.xml?status=pending", HttpStatusCode.BadRequest, "open")]
    [InlineData("requests.xml?page_size=5000", HttpStatusCode.BadRequest, "page_size")]
    [InlineData("requests.csv", HttpStatusCode.NotFound, "csv")]
    [InlineData("nothing/here.xml", HttpStatusCode.NotFound, "discovery")]
    public async Task Get_BadInput_SpecErrorFormWithAMessageAPersonCanActOn(string path, HttpStatusCode expected, string hint)
    {
        var (status, xml) = await _client.GetXmlAsync(path);

        Assert.Equal(expected, status);
        var error = xml.Root!.Element("error")!;
        Assert.Equal(((int)expected).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Element("code")!.Value);
        Assert.Contains(hint, error.Element("description")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_OurJurisdictionOrNone_Accepted()
    {
        var (ours, _) = await _client.GetXmlAsync("services.xml?jurisdiction_id=bekasikota.go.id");
        var (none, _) = await _client.GetXmlAsync("services.xml");

        Assert.Equal(HttpStatusCode.OK, ours);
        Assert.Equal(HttpStatusCode.OK, none);
    }

    private async Task<List<string>> Ids(string path)
    {
        var (status, xml) = await _client.GetXmlAsync(path);
        Assert.Equal(HttpStatusCode.OK, status);
        return xml.Root!.Elements("request").Select(r => r.Element("service_request_id")!.Value).ToList();
    }
}
