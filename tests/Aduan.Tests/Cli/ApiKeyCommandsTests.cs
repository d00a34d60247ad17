using System.Net;
using Aduan.Tests.Open311;
using Aduan.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Aduan.Tests.Cli;

/// <summary><c>apikey create|list|revoke</c> of the real executable, on a test app's database.</summary>
public sealed class ApiKeyCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("aduan-cli-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task CreateListRevoke_KeyPrintedOnceWorksUntilRevoked()
    {
        using var app = new AduanFactory();
        var client = new Open311Client(app);
        await client.Http.GetAsync("/open311/v2/services.xml"); // starts the app: its database is migrated
        var env = app.ProcessEnvironment;

        var create = await AppProcess.RunAsync(_dir, null, env, "apikey", "create", "FixMyStreet");
        var key = create.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        var accepted = await client.PostXmlAsync("requests.xml", Open311Client.FixMyStreetRequest(key));
        var list = await AppProcess.RunAsync(_dir, null, env, "apikey", "list");
        var revoke = await AppProcess.RunAsync(_dir, null, env, "apikey", "revoke", "fixmystreet");
        var refused = await client.PostXmlAsync("requests.xml", Open311Client.FixMyStreetRequest(key));
        var listed = await AppProcess.RunAsync(_dir, null, env, "apikey", "list");

        Assert.True(create.ExitCode == 0, create.Error);
        Assert.StartsWith("aduan_", key, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Matches(@"fixmystreet\s+aduan_\w{4}…\s+created .* active", list.Output);
        Assert.DoesNotContain(key, list.Output, StringComparison.Ordinal);
        Assert.True(revoke.ExitCode == 0, revoke.Error);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Matches(@"fixmystreet\s+.*revoked", listed.Output);
    }

    [Theory]
    [InlineData("create", "nama dengan spasi", "lower case")]
    [InlineData("revoke", "tidak-ada", "No API key")]
    public async Task BadNameOrUnknownKey_ExitsNonZeroWithAHelpfulMessage(string command, string name, string hint)
    {
        using var app = new AduanFactory();

        var result = await AppProcess.RunAsync(_dir, null, app.ProcessEnvironment, "apikey", command, name);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(hint, result.Error, StringComparison.Ordinal);
    }
}
