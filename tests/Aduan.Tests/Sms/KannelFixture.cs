using Aduan.Tests.Support;

namespace Aduan.Tests.Sms;

/// <summary>
/// Once per test run: the app as its own process (its outbox dispatcher running) on a port chosen
/// first, and a real Kannel whose sms-service calls that port and whose sendsms the app sends through.
/// </summary>
public sealed class KannelFixture : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("aduan-sms-").FullName;

    /// <summary>The database, read by the tests; its own in-process app never processes SMS (the app process does).</summary>
    public AduanFactory Database { get; } = AduanFactory.With(("Aduan:Sms:RecoveryEnabled", "false"));

    public Kannel Kannel { get; private set; } = null!;

    public AppServer App { get; private set; } = null!;

    private Dictionary<string, string> _env = [];
    private int _port;

    public async Task InitializeAsync()
    {
        var port = _port = AppServer.FreePort();
        Kannel = await Kannel.StartAsync(port, SmsInboundTests.Secret);
        var env = _env = new Dictionary<string, string>(Database.ProcessEnvironment)
        {
            ["Aduan__Sms__SharedSecret"] = SmsInboundTests.Secret,
            ["Aduan__Sms__AllowedAddresses__0"] = "127.0.0.1",
            ["Aduan__Sms__Kannel__SendUrl"] = Kannel.SendUrl,
            ["Aduan__Sms__Kannel__Username"] = Kannel.User,
            ["Aduan__Sms__Kannel__Password"] = Kannel.Password,
            ["Aduan__Outbox__PollInterval"] = "00:00:00.100",
            ["Aduan__Outbox__BaseDelay"] = "00:00:00.200",
            ["Aduan__Outbox__MaxDelay"] = "00:00:01",
            ["Aduan__Outbox__MaxAttempts"] = "100", // a gateway down for a test must not dead-letter
        };
        App = await AppServer.StartAsync(_dir, env, port);
    }

    /// <summary>SIGKILLs the app; <paramref name="whileDown"/> runs before it is started again on the same port and database.</summary>
    public async Task KillAppAsync(Func<Task> whileDown)
    {
        await App.DisposeAsync();
        App = null!;
        try
        {
            await whileDown();
        }
        finally
        {
            App = await AppServer.StartAsync(_dir, _env, _port);
        }
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (Kannel is not null)
        {
            await Kannel.DisposeAsync();
        }

        Database.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class KannelGroup : ICollectionFixture<KannelFixture>
{
    public const string Name = "Kannel";
}
