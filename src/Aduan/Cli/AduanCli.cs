using System.CommandLine;
using Aduan.Data;
using Aduan.Infrastructure;
using Microsoft.Extensions.Options;

namespace Aduan.Cli;

/// <summary>
/// The operator's command line on the same executable: <c>serve</c> (the default), <c>migrate</c>,
/// <c>user add|list</c>, <c>holiday list|import</c>, <c>import reports</c>, <c>audit verify|digest</c>, <c>privacy export|erase</c>, <c>backup</c>, <c>apikey create|list|revoke</c>, <c>supervision rebuild</c>, <c>triage train|evaluate|evaluate-history</c>. Anything that is not one of these commands starts the server,
/// so <c>--urls</c> and other host switches pass straight through.
/// </summary>
public static class AduanCli
{
    private static readonly string[] CommandWords = ["migrate", "user", "holiday", "import", "audit", "privacy", "backup", "apikey", "supervision", "triage", "help", "--help", "-h", "-?", "--version"];

    public static bool IsCommand(string[] args) => args.Length > 0 && CommandWords.Contains(args[0]);

    /// <summary>The host's arguments for <c>serve</c>: everything after the optional word "serve".</summary>
    public static string[] ServeArgs(string[] args) => args.Length > 0 && args[0] == "serve" ? args[1..] : args;

    /// <summary>Registers the application's features; the same as the server's (Program.cs), so commands use the same rules.</summary>
    private static Action<IServiceCollection, IConfiguration> s_addFeatures = (_, _) => throw new InvalidOperationException("RunAsync sets the features.");

    public static async Task<int> RunAsync(string[] args, Action<IServiceCollection, IConfiguration> addFeatures)
    {
        s_addFeatures = addFeatures;
        var root = new RootCommand("Aduan: public complaint management. Without a command, runs the web server (serve).");
        var serve = new Command("serve", "Run the web server (the default). Host options pass through, e.g. --urls http://127.0.0.1:5080.");
        root.Subcommands.Add(serve);
        var migrate = new Command("migrate", "Create or upgrade the database and load the demo city into an empty one.");
        migrate.SetAction((_, ct) => WithServices(async (sp, _) =>
        {
            Console.WriteLine("Database is up to date.");
            await Task.CompletedTask;
            return 0;
        }, ct));
        root.Subcommands.Add(migrate);
        root.Subcommands.Add(UserCommands.Build());
        root.Subcommands.Add(HolidayCommands.Build());
        root.Subcommands.Add(ImportCommands.Build());
        root.Subcommands.Add(AuditCommands.Build());
        root.Subcommands.Add(PrivacyCommands.Build());
        root.Subcommands.Add(BackupCommand.Build());
        root.Subcommands.Add(ApiKeyCommands.Build());
        root.Subcommands.Add(SupervisionCommands.Build());
        root.Subcommands.Add(TriageCommands.Build());
        return await root.Parse(args).InvokeAsync();
    }

    /// <summary>Runs a command with the application's services on a migrated, seeded database (unless told to leave it as it is).</summary>
    internal static async Task<int> WithServices(Func<IServiceProvider, CancellationToken, Task<int>> command, CancellationToken ct,
        bool prepareDatabase = true)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddAduanDefaults();
        s_addFeatures(builder.Services, builder.Configuration);
        using var host = builder.Build();

        // Settings are checked as the server checks them at start, with the same messages.
        if (Startup.SettingsProblem(host.Services) is { } problem)
        {
            await Console.Error.WriteLineAsync(problem);
            return 1;
        }

        var aduan = host.Services.GetRequiredService<IOptions<AduanOptions>>().Value;
        if (prepareDatabase)
        {
            await DatabaseSetup.PrepareAsync(host.Services, seed: aduan.SeedOnStart, ct);
        }
        await using var scope = host.Services.CreateAsyncScope();
        return await command(scope.ServiceProvider, ct);
    }
}
