using Aduan.Data;
using Microsoft.Extensions.Options;

namespace Aduan.Infrastructure;

/// <summary>Starting the server or a command: settings checked first, then the database prepared.</summary>
public static class Startup
{
    /// <summary>
    /// Runs every <c>ValidateOnStart</c> check now, as the host would at start. A wrong setting is the
    /// operator's to fix: the message says which, without a stack trace. Null when all are valid.
    /// </summary>
    public static string? SettingsProblem(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (OptionsValidationException e)
        {
            return "Invalid settings: " + string.Join(" ", e.Failures);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is OptionsValidationException))
        {
            return "Invalid settings: " + string.Join(" ", e.InnerExceptions.SelectMany(x => ((OptionsValidationException)x).Failures));
        }
    }

    /// <summary>Checks the settings, migrates and seeds the database (unless configured not to), and serves; exit code 1 for a wrong setting.</summary>
    public static async Task<int> RunAduanAsync(this WebApplication app)
    {
        if (SettingsProblem(app.Services) is { } problem)
        {
            await Console.Error.WriteLineAsync(problem);
            return 1;
        }

        var aduan = app.Services.GetRequiredService<IOptions<AduanOptions>>().Value;
        if (aduan.MigrateOnStart)
        {
            await DatabaseSetup.PrepareAsync(app.Services, aduan.SeedOnStart, app.Lifetime.ApplicationStopping);
        }

        await app.RunAsync();
        return 0;
    }
}
