using System.Net;
using Aduan.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Aduan.Tests.Transparency;

/// <summary>A request's Host header is the client's to choose: no absolute link the app writes may come from it.</summary>
public sealed class HostHeaderTests : IAsyncLifetime
{
    private const string Site = "https://aduan.bekasikota.go.id";
    private readonly AduanFactory _app = AduanFactory.With(("Aduan:PublicBaseUrl", Site + "/"));
    private string _code = "";

    public async Task InitializeAsync() => _code = await new PublishedReports(_app).CreateAsync("Jalan berlubang di depan Pasar Baru.");

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Every public answer that holds absolute links, asked for under hosts an attacker would send.</summary>
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var host in new[] { "evil.example", "evil.example:8443", "aduan.bekasikota.go.id.evil.example", "evil.example@aduan.bekasikota.go.id" })
        {
            foreach (var path in new[] { "/instansi/dbmsda/feed.json", "/instansi/dbmsda/feed.atom", "/instansi/dbmsda", "/api/v1/open-data/complaints.json",
                "/api/v1/open-data/complaints.csv", "/openapi/v1.json" })
            {
                data.Add(path, host);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Get_ForgedHostHeader_LinksUseTheConfiguredAddress(string path, string host)
    {
        using var http = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Host", host);

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("evil.example", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Site, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lapor_ForgedHost_TrackingLinkWithTheKeyUsesTheConfiguredAddress()
    {
        using var citizen = new PageClient(_app.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("http://evil.example/"), AllowAutoRedirect = true, HandleCookies = true,
        }));
        var page = await citizen.GetAsync("/lapor");

        var form = new Dictionary<string, string>
        {
            ["Report.Text"] = "Lampu jalan di depan Puskesmas Bekasi Jaya mati sejak tiga hari yang lalu.",
            ["Report.Category"] = "JALAN", ["Report.Location.Kecamatan"] = "Bekasi Timur",
        };

        page = await citizen.SubmitAsync(page, "#report", form);
        page = await citizen.SubmitAsync(page, "#report", form, "[data-testid=send]"); // "send my own": the published report nearby was offered first

        Assert.StartsWith(Site + "/lacak/", page.QuerySelector("[data-testid=tracking-link]")!.GetAttribute("href"), StringComparison.Ordinal);
    }
}
