using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Aduan.Tests.Support;

namespace Aduan.Tests.Web;

/// <summary>
/// What anyone may read is compressed (Brotli or gzip) and its static files are fingerprinted, cached as
/// immutable and pre-compressed; what is private (the workspace, a post, a request with a credential) is
/// never compressed, so no secret in it can leak through its length (BREACH).
/// </summary>
public sealed partial class CompressionTests : IAsyncLifetime
{
    /// <summary>As deployed: outside Development the static files are served as the build's manifest says.</summary>
    private readonly AduanFactory _app = AduanFactory.With(("environment", "Production"));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static HttpRequestMessage Get(string path, string encodings = "br, gzip")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", encodings);
        return request;
    }

    [Theory]
    [InlineData("/", "br")]
    [InlineData("/laporan", "br")]
    [InlineData("/statistik", "gzip")]
    [InlineData("/api/v1/open-data/map.geojson", "br")]
    public async Task A_public_page_or_answer_is_compressed_in_the_encoding_the_client_takes(string path, string encoding)
    {
        using var http = _app.CreateClient();
        using var plain = await http.SendAsync(Get(path, "identity"));
        using var response = await http.SendAsync(Get(path, encoding));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(encoding, Assert.Single(response.Content.Headers.ContentEncoding));
        var body = await Decompress(response, encoding);
        Assert.Equal(await plain.Content.ReadAsStringAsync(), body);
    }

    [Theory]
    [InlineData("/staff/account/signin")]
    [InlineData("/lacak")]
    public async Task A_private_page_is_never_compressed(string path)
    {
        using var http = _app.CreateClient();

        using var response = await http.SendAsync(Get(path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task A_post_or_a_request_with_a_credential_is_never_compressed()
    {
        using var http = _app.CreateClient();
        var created = await http.SubmitAsync();

        using var withKey = Get($"/api/v1/complaints/{created.TrackingCode}").WithReporterKey(created.ReporterKey);
        using var keyed = await http.SendAsync(withKey);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/v1/complaints") { Content = System.Net.Http.Json.JsonContent.Create(TestApi.Report()) };
        post.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
        using var posted = await http.SendAsync(post);

        Assert.True(keyed.IsSuccessStatusCode);
        Assert.Empty(keyed.Content.Headers.ContentEncoding);
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        Assert.Empty(posted.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task The_stylesheet_is_linked_by_a_fingerprinted_name_cached_for_a_year_and_served_pre_compressed()
    {
        using var http = _app.CreateClient();
        var page = await http.GetStringAsync("/");
        var href = StylesheetLink().Match(page);
        Assert.True(href.Success, "no fingerprinted stylesheet link on /");

        using var response = await http.SendAsync(Get(href.Value, "gzip"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.MaxAge >= TimeSpan.FromDays(365), response.Headers.CacheControl?.ToString());
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Contains("header.top", await Decompress(response, "gzip"), StringComparison.Ordinal);
    }

    private static async Task<string> Decompress(HttpResponseMessage response, string encoding)
    {
        await using var raw = await response.Content.ReadAsStreamAsync();
        await using Stream decoded = encoding == "br" ? new BrotliStream(raw, CompressionMode.Decompress) : new GZipStream(raw, CompressionMode.Decompress);
        using var reader = new StreamReader(decoded);
        return await reader.ReadToEndAsync();
    }

    [GeneratedRegex(@"/css/site\.[a-z0-9]{6,}\.css")]
    private static partial Regex StylesheetLink();
}
