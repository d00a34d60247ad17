using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aduan.Complaints;

namespace Aduan.Tests.Support;

/// <summary>Short ways to drive the JSON API in tests.</summary>
public static class TestApi
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static object Report(string text = "Jalan di depan SDN Margahayu 5 berlubang besar dan membahayakan pengendara motor.",
        string? category = "JALAN", string privacy = "Public", object? reporter = null, object? location = null) => new
        {
            text,
            category,
            privacy,
            reporter = reporter ?? new { name = "Siti Aminah", phone = "0812-3456-7890", email = "siti@contoh.id" },
            location = location ?? new { address = "Jl. Margahayu No. 5", kecamatan = "Bekasi Timur", lat = -6.2441, lng = 107.0104 },
        };

    public static async Task<SubmitComplaintResponse> SubmitAsync(this HttpClient client, object? report = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/complaints", report ?? Report());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SubmitComplaintResponse>(Json))!;
    }

    public static Task<HttpResponseMessage> ActAsync(this HttpClient client, string code, object body) =>
        client.PostAsJsonAsync($"/api/v1/staff/complaints/{code}/transitions", body);

    /// <summary>Takes an action that must succeed; returns the report's new view.</summary>
    public static async Task<StaffComplaintView> ActOkAsync(this HttpClient client, string code, object body)
    {
        var response = await client.ActAsync(code, body);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Fail($"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<StaffComplaintView>(Json))!;
    }

    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal); // never a stack trace
        return JsonDocument.Parse(body).RootElement;
    }

    public static HttpRequestMessage WithReporterKey(this HttpRequestMessage request, string key)
    {
        request.Headers.Add("X-Reporter-Key", key);
        return request;
    }

    public static async Task<PublicComplaintView> PublicAsync(this HttpClient client, string code, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/complaints/{code}");
        if (key is not null)
        {
            request.WithReporterKey(key);
        }

        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PublicComplaintView>(Json))!;
    }

    public static async Task<HttpResponseMessage> PostAsReporterAsync(this HttpClient client, string path, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.WithReporterKey(key);
        return await client.SendAsync(request);
    }
}
