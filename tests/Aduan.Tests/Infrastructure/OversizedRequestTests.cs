using System.Net;
using Aduan.Tests.Support;

namespace Aduan.Tests.Infrastructure;

/// <summary>Whatever a client sends, too much of it is a 4xx that says so, never a 500.</summary>
public sealed class OversizedRequestTests(AduanFactory factory) : IClassFixture<AduanFactory>
{
    public static TheoryData<string, int> Posts() => new()
    {
        { "/lapor", 5_000_000 },          // one value over the form's value limit
        { "/lapor", 40_000_000 },         // the whole body over the server's limit
        { "/lacak/ABCDE-FGHJK", 5_000_000 },
        { "/staff/account/signin", 5_000_000 },
        { "/staff/account/signin", 40_000_000 },
    };

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task FormPost_TooLarge_4xxNot500(string path, int size)
    {
        using var client = factory.CreateClient();
        var body = "Report.Text=" + new string('a', size);

        using var response = await client.PostAsync(path, new StringContent(body, System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"));

        Assert.InRange((int)response.StatusCode, 400, 499);
    }
}
