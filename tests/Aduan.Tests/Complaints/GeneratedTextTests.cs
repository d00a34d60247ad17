using System.Net;
using System.Text;
using Aduan.Tests.Support;

namespace Aduan.Tests.Complaints;

/// <summary>Texts drawn from the characters that break XML, normalisation and naive "is it empty" checks, sent as a citizen would.</summary>
public sealed class GeneratedTextTests : IAsyncLifetime
{
    private readonly AduanFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Post_GeneratedTitlesAndTexts_AreStoredOrRefusedNeverAnError()
    {
        var random = new Random(20261211);
        using var http = _app.CreateClient();
        var answers = new Dictionary<HttpStatusCode, int>();

        for (var i = 0; i < 150; i++)
        {
            var title = GeneratedText.Next(random, random.Next(0, 30));
            var text = "Jalan rusak " + GeneratedText.Next(random, random.Next(0, 80));
            var json = $$"""{"title": "{{GeneratedText.JsonEscaped(title)}}", "text": "{{GeneratedText.JsonEscaped(text)}}", "category": "JALAN"}""";

            using var response = await http.PostAsync("/api/v1/complaints", new StringContent(json, Encoding.UTF8, "application/json"));

            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.BadRequest,
                $"{response.StatusCode} for {json}: {await response.Content.ReadAsStringAsync()}");
            answers[response.StatusCode] = answers.GetValueOrDefault(response.StatusCode) + 1;
        }

        // Both outcomes occur, or the generator tests only one of them.
        Assert.True(answers.GetValueOrDefault(HttpStatusCode.Created) > 10 && answers.GetValueOrDefault(HttpStatusCode.BadRequest) > 10,
            string.Join(", ", answers));
    }
}
