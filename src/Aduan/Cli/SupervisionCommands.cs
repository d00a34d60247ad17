using System.CommandLine;
using Aduan.Supervision;

namespace Aduan.Cli;

/// <summary><c>supervision rebuild</c>: the dashboard's per-report figures written anew from the events, then its daily counts.</summary>
public static class SupervisionCommands
{
    public static Command Build()
    {
        var countsOnly = new Option<bool>("--counts-only")
        {
            Description = "Only count the daily counts anew from the reports' figures as they are (after a report was changed outside the app).",
        };
        var rebuild = new Command("rebuild",
            "Write every report's dashboard figures (first response, working days to response and follow-up, reopens) anew from its events, "
            + "then count the dashboard's daily counts anew.") { countsOnly };
        rebuild.SetAction((result, ct) => AduanCli.WithServices(async (sp, token) =>
        {
            if (!result.GetValue(countsOnly))
            {
                var written = await sp.GetRequiredService<FigureRebuild>().RunAsync(
                    n => { if (n % 10_000 == 0) Console.Error.WriteLine($"... {n} reports"); }, token);
                Console.WriteLine($"{written} reports rebuilt.");
            }

            var counted = await sp.GetRequiredService<DailyCountRebuild>().RunAsync(
                n => { if (n % 100_000 == 0) Console.Error.WriteLine($"... {n} reports counted"); }, token);
            Console.WriteLine($"{counted} reports counted into the daily counts.");
            return 0;
        }, ct));
        return new Command("supervision", "The leadership dashboard's figures.") { rebuild };
    }
}
