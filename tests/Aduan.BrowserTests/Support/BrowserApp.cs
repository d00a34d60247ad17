using Aduan.Identity;
using Aduan.Tests.Support;
using Microsoft.Playwright;

namespace Aduan.BrowserTests.Support;

/// <summary>
/// Once per test collection: the built app as its own process on a free loopback port (fresh
/// SQLite data directory, or a fresh database when ADUAN_TEST_POSTGRES names a PostgreSQL server),
/// staff users created with the app's own CLI, and Debian's Chromium driven by Playwright.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    /// <summary>Root runs Chromium without its sandbox; the rest keeps it off this machine's closed network.</summary>
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private static readonly string[] TwoFactorRoles = [Roles.Admin, Roles.Manager];

    private readonly AduanFactory _database = AduanFactory.With(("Aduan:TwoFactor:RequiredFor", string.Join(',', TwoFactorRoles)));
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("aduan-browser-").FullName;
    private AppServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("ADUAN_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static StaffLogin Operator { get; } = new("siti.operator", "Siti Rahayu", Roles.Operator);

    public static StaffLogin Manager { get; } = new("budi.manajer", "Budi Santoso", Roles.Manager);

    public static StaffLogin Officer { get; } = new("dewi.dinkes", "Dewi Lestari", Roles.AgencyOfficer, "DINKES");

    /// <summary>A second manager for the staff journeys, so they need not wait for <see cref="Manager"/>'s enrolment test.</summary>
    public static StaffLogin DeskManager { get; } = new("rina.manajer", "Rina Wulandari", Roles.Manager);

    /// <summary>An officer of an agency no report of the journeys goes to.</summary>
    public static StaffLogin OtherOfficer { get; } = new("agus.disdukcapil", "Agus Setiawan", Roles.AgencyOfficer, "DISDUKCAPIL");

    /// <summary>The fire brigade's rapid-response officer (the URC board).</summary>
    public static StaffLogin UrcOfficer { get; } = new("joko.damkar", "Joko Prasetyo", Roles.Urc, "DAMKAR");

    public static StaffLogin Admin { get; } = new("ani.admin", "Ani Wijaya", Roles.Admin);

    /// <summary>The mayor's office, for the leadership dashboard.</summary>
    public static StaffLogin Leader { get; } = new("tri.pimpinan", "Tri Adhianto", Roles.Leadership);

    /// <summary>The head of DINKES: the dashboard and scorecard of their agency only.</summary>
    public static StaffLogin Head { get; } = new("yuli.kadinkes", "Yuli Handayani", Roles.AgencyHead, "DINKES");

    /// <summary>The browser session (cookies) of each user a test has signed in, by user name: later tests start from it.</summary>
    /// <remarks>Tests of one collection run one at a time.</remarks>
    public Dictionary<string, string> Sessions { get; } = new(StringComparer.Ordinal);

    /// <summary>The app makes this user enrol an authenticator app at their first sign-in.</summary>
    public static bool NeedsAuthenticator(StaffLogin user) => TwoFactorRoles.Contains(user.Role);

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    /// <summary>HTTP requests outside any page, as another app would send them (the public API).</summary>
    public IAPIRequest ApiRequest => _playwright?.APIRequest ?? throw new InvalidOperationException("Playwright has not started.");

    /// <summary>Data a test class sets up once for all its tests (the fixture outlives the classes), by name.</summary>
    public Dictionary<string, object> Seeded { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The app's database through the test factory's services, for a state no browser can reach in a test's
    /// time (a deadline weeks past: the app process runs on the real clock).
    /// </summary>
    public Task<T> WithDbAsync<T>(Func<Aduan.Data.AduanDbContext, Task<T>> action) => _database.WithDbAsync(action);

    public string BaseAddress => $"http://127.0.0.1:{_server?.Port}";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new FileNotFoundException(
                $"No Chromium at {ChromiumPath}: ./test.sh installs Debian's (apt-get install chromium), or set ADUAN_CHROMIUM.", ChromiumPath);
        }

        var environment = _database.ProcessEnvironment;
        environment["Aduan__LoginPerMinute"] = "1000";
        environment["Aduan__IntakePerMinute"] = "1000";
        environment["Aduan__PublicReadsPerMinute"] = "1000";
        _server = await AppServer.StartAsync(_workingDirectory, environment);

        // The CLI creates a role with its first user, and two processes creating the same role collide:
        // one user of each role first, then the rest.
        StaffLogin[] users = [Operator, Manager, Officer, DeskManager, OtherOfficer, UrcOfficer, Admin, Leader, Head];
        var firstOfRole = users.DistinctBy(user => user.Role).ToList();
        await Task.WhenAll(firstOfRole.Select(user => AddUserAsync(user, environment)));
        await Task.WhenAll(users.Except(firstOfRole).Select(user => AddUserAsync(user, environment)));

        // The browser is Debian's; Playwright's driver must never try to fetch one of its own.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
    }

    /// <summary>Runs the app's command line on this app's database (e.g. <c>import reports FILE</c>); throws when it fails.</summary>
    public async Task CliAsync(params string[] args)
    {
        var result = await AppProcess.RunAsync(_workingDirectory, null, _database.ProcessEnvironment, args);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', args)} exited with {result.ExitCode}: {result.Error}");
        }
    }

    private async Task AddUserAsync(StaffLogin user, Dictionary<string, string> environment)
    {
        string[] args = ["user", "add", user.UserName, "--role", user.Role, "--display-name", user.DisplayName];
        if (user.Agency is not null)
        {
            args = [.. args, "--agency", user.Agency];
        }

        var result = await AppProcess.RunAsync(_workingDirectory, StaffLogin.Password, environment, args);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"user add {user.UserName} exited with {result.ExitCode}: {result.Error}");
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await _database.DisposeAsync();
        Directory.Delete(_workingDirectory, recursive: true);
    }
}

/// <summary>A staff account the fixture creates; every one signs in with <see cref="Password"/>.</summary>
public sealed record StaffLogin(string UserName, string DisplayName, string Role, string? Agency = null)
{
    public const string Password = AduanFactory.Password;
}

[CollectionDefinition(Name)]
public sealed class SharedBrowser : ICollectionFixture<BrowserApp>
{
    public const string Name = "Browser";
}
