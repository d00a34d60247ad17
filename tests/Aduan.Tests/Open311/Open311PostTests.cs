using System.Net;
using Aduan.Complaints;
using Aduan.Identity;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Open311;

/// <summary>POST requests and servicerequestupdates as FixMyStreet's client sends them (perllib/Open311.pm), and their refusals.</summary>
public sealed class Open311PostTests : IAsyncLifetime
{
    private readonly AduanFactory _app = new();
    private Open311Client _client = null!;

    public Task InitializeAsync()
    {
        _client = new Open311Client(_app);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task PostRequest_FixMyStreetWireShape_StoredThroughIntakeWithTheKeyRecorded()
    {
        var key = await _client.NewKeyAsync();

        var (status, xml) = await _client.PostXmlAsync("requests.xml", Open311Client.FixMyStreetRequest(key));

        Assert.Equal(HttpStatusCode.OK, status);
        var request = xml.Root!.Element("request")!;
        Assert.Equal(["service_request_id", "service_notice", "account_id"], Open311Client.Names(request));
        var code = request.Element("service_request_id")!.Value;
        Assert.Contains("/lacak/" + code, request.Element("service_notice")!.Value, StringComparison.Ordinal);
        var stored = await _app.WithDbAsync(db => db.Complaints.Include(c => c.Category).SingleAsync(c => c.TrackingCode == code));
        Assert.Equal(Channel.Open311, stored.Channel);
        Assert.Equal("JALAN", stored.Category!.Code);
        Assert.Equal("Lubang di jalan", stored.Title);
        Assert.Contains("motor sering jatuh.\r\n\r\nhttps://fixmystreet.example/report/42", stored.Text, StringComparison.Ordinal);
        Assert.EndsWith("Media: https://fixmystreet.example/photo/42.full.jpeg", stored.Text, StringComparison.Ordinal);
        Assert.Equal(new ReporterContact("Siti Aminah", "+6281234567890", "siti@contoh.id"), stored.Reporter);
        Assert.Equal(-6.238270, stored.Location.Latitude);
        Assert.Equal(106.975573, stored.Location.Longitude);
        Assert.Equal(PrivacyMode.Anonymous, stored.Privacy);
        var first = await _app.WithDbAsync(db => db.ComplaintEvents.SingleAsync(e => e.ComplaintId == stored.Id && e.Sequence == 1));
        Assert.Equal("Open311: fixmystreet", first.ActorName);
    }

    [Fact]
    public async Task PostRequest_CommaDecimalsAndAttributes_ReadInTheInvariantCultureAsJson()
    {
        var key = await _client.NewKeyAsync();
        var form = Open311Client.FixMyStreetRequest(key, lat: "-6,238270", lng: "106,975573");
        form.Add(new("attribute[privacy]", "confidential"));
        form.Add(new("attribute[kecamatan]", "Bekasi Timur"));

        var (status, json) = await _client.PostJsonAsync("requests.json", form);

        Assert.Equal(HttpStatusCode.OK, status);
        var code = json[0].GetProperty("service_request_id").GetString();
        var stored = await _app.WithDbAsync(db => db.Complaints.SingleAsync(c => c.TrackingCode == code));
        Assert.Equal((-6.238270, 106.975573), (stored.Location.Latitude, stored.Location.Longitude));
        Assert.Equal(PrivacyMode.Confidential, stored.Privacy);
        Assert.Equal("Bekasi Timur", stored.Location.Kecamatan);
    }

    [Fact]
    public async Task PostRequest_WrongOrRevokedKey_403AndNothingStored()
    {
        var key = await _client.NewKeyAsync("dicabut");
        await _client.RevokeAsync("dicabut");

        var (revoked, xml) = await _client.PostXmlAsync("requests.xml", Open311Client.FixMyStreetRequest(key));
        var (wrong, json) = await _client.PostJsonAsync("requests.json", Open311Client.FixMyStreetRequest("aduan_salah"));
        var (none, _) = await _client.PostXmlAsync("requests.xml", Open311Client.FixMyStreetRequest("").Where(f => f.Key != "api_key"));

        Assert.Equal(HttpStatusCode.Forbidden, revoked);
        Assert.Equal("403", xml.Root!.Element("error")!.Element("code")!.Value);
        Assert.Equal(HttpStatusCode.Forbidden, wrong);
        Assert.Equal(403, json[0].GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, none);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Complaints.CountAsync()));
    }

    [Theory]
    [InlineData("service_code", "PARKIR", "PARKIR")]
    [InlineData("service_code", "", "service_code")]
    [InlineData("lat", "utara", "lat")]
    [InlineData("jurisdiction_id", "jakarta.go.id", "jakarta.go.id")]
    [InlineData("media_url", "file:///etc/passwd", "media_url")]
    [InlineData("attribute[privacy]", "rahasia", "Confidential")]
    [InlineData("description", "\u0001\u0002 jalan rusak parah sekali", "description")]
    [InlineData("email", "bukan-email", "email")]
    public async Task PostRequest_BadField_SpecErrorNamingTheFieldAndNothingStored(string field, string value, string hint)
    {
        var key = await _client.NewKeyAsync();
        var form = Open311Client.FixMyStreetRequest(key).Where(f => f.Key != field).Append(new(field, value)).ToList();

        var (status, xml) = await _client.PostXmlAsync("requests.xml", form);

        Assert.Equal(field == "jurisdiction_id" ? HttpStatusCode.NotFound : HttpStatusCode.BadRequest, status);
        Assert.Contains(xml.Root!.Elements("error"), e => e.Element("description")!.Value.Contains(hint, StringComparison.Ordinal));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Complaints.CountAsync()));
    }

    [Fact]
    public async Task PostRequest_NoLocationOrOnlySeparators_400()
    {
        var key = await _client.NewKeyAsync();
        var noPlace = Open311Client.FixMyStreetRequest(key).Where(f => f.Key is not ("lat" or "long")).ToList();
        var blank = Open311Client.FixMyStreetRequest(key).Where(f => f.Key != "description")
            .Append(new("description", string.Concat(Enumerable.Repeat("\u2028\u00a0\r\n", 1334)))).ToList();

        var (noPlaceStatus, noPlaceXml) = await _client.PostXmlAsync("requests.xml", noPlace);
        var (blankStatus, blankJson) = await _client.PostJsonAsync("requests.json", blank);

        Assert.Equal(HttpStatusCode.BadRequest, noPlaceStatus);
        Assert.Contains("address_string", noPlaceXml.Root!.Element("error")!.Element("description")!.Value, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, blankStatus);
        Assert.StartsWith("description:", blankJson[0].GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostRequest_AddressStringWithoutPin_Accepted()
    {
        var key = await _client.NewKeyAsync();
        var form = Open311Client.FixMyStreetRequest(key).Where(f => f.Key is not ("lat" or "long"))
            .Append(new("address_string", "Jl. Ahmad Yani No. 1, Bekasi")).ToList();

        var (status, xml) = await _client.PostXmlAsync("requests.xml", form);

        Assert.Equal(HttpStatusCode.OK, status);
        var code = xml.Root!.Element("request")!.Element("service_request_id")!.Value;
        Assert.Equal("Jl. Ahmad Yani No. 1, Bekasi", await _app.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == code)
            .Select(c => c.Location.Address).SingleAsync()));
    }

    [Fact]
    public async Task PostUpdate_OwnRequest_ReporterMessageOnceByUpdateIdAndNoStatusChange()
    {
        var key = await _client.NewKeyAsync();
        var other = await _client.NewKeyAsync("lain");
        var (_, created) = await _client.PostXmlAsync("requests.xml", Open311Client.FixMyStreetRequest(key));
        var code = created.Root!.Element("request")!.Element("service_request_id")!.Value;
        List<KeyValuePair<string, string>> Update(string apiKey) =>
        [
            new("jurisdiction_id", "bekasikota.go.id"), new("api_key", apiKey), new("service_request_id", code), new("update_id", "7001"),
            new("status", "FIXED"), new("description", "Sudah ditambal sebagian,\r\ntapi masih berlubang."),
            new("updated_datetime", "2026-06-02T11:00:00+07:00"), new("first_name", "Siti"), new("last_name", "Aminah"),
            new("email", "siti@contoh.id"),
        ];

        var (status, first) = await _client.PostXmlAsync("servicerequestupdates.xml", Update(key));
        var (_, again) = await _client.PostJsonAsync("servicerequestupdates.json", Update(key));
        var (foreign, _) = await _client.PostXmlAsync("servicerequestupdates.xml", Update(other));

        Assert.Equal(HttpStatusCode.OK, status);
        var updateId = first.Root!.Element("request_update")!.Element("update_id")!.Value;
        Assert.Equal(code + "-2", updateId);
        Assert.Equal(updateId, again[0].GetProperty("update_id").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, foreign);
        var complaint = await _app.WithDbAsync(db => db.Complaints.SingleAsync(c => c.TrackingCode == code));
        Assert.Equal(ComplaintStatus.Submitted, complaint.Status);
        var replies = await _app.WithDbAsync(db => db.ComplaintEvents
            .Where(e => e.ComplaintId == complaint.Id && e.Type == ComplaintEventType.ReporterReplied).ToListAsync());
        var reply = Assert.Single(replies);
        Assert.Equal(EventVisibility.Reporter, reply.Visibility);
        Assert.Equal("Sudah ditambal sebagian,\r\ntapi masih berlubang.", reply.Text);
        Assert.Contains("FIXED", reply.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostUpdate_NoUpdateIdOrUnknownRequest_Refused()
    {
        var key = await _client.NewKeyAsync();
        List<KeyValuePair<string, string>> form = [new("api_key", key), new("service_request_id", "K7M2QXP4RT"), new("description", "Masih rusak.")];

        var (noId, _) = await _client.PostXmlAsync("servicerequestupdates.xml", form);
        var (unknown, _) = await _client.PostXmlAsync("servicerequestupdates.xml", form.Append(new("update_id", "1")));

        Assert.Equal(HttpStatusCode.BadRequest, noId);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
    }

    [Fact]
    public async Task Post_MoreThanTheKeysLimit_429AfterTheLimitCountedPerKey()
    {
        await using var app = AduanFactory.With(("Aduan:Open311:RequestsPerKeyPerMinute", "3"));
        var client = new Open311Client(app);
        var busy = await client.NewKeyAsync("sibuk");
        var quiet = await client.NewKeyAsync("tenang");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.PostXmlAsync("requests.xml", Open311Client.FixMyStreetRequest(busy))).Status);
        }

        var (other, _) = await client.PostXmlAsync("requests.xml", Open311Client.FixMyStreetRequest(quiet));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, other);
    }
}
