using System.CommandLine;
using Aduan.Supervision;

namespace Aduan.Cli;

/// <summary><c>supervision rebuild</c>: the dashboard's per-report figures written anew from the events.</summary>
public static class SupervisionCommands
{
    public static Command Build()
    {
        var rebuild = new Command("rebuild",
            "Write every report's dashboard figures (first response, working days to response and follow-up, reopens) anew from its events.");
        rebuild.SetAction((_, ct) => AduanCli.WithServices(async (sp, token) =>
        {
            var written = await sp.GetRequiredService<FigureRebuild>().RunAsync(
                n => { if (n % 10_000 == 0) Console.Error.WriteLine($"... {n} reports"); }, token);
            Console.WriteLine($"{written} reports rebuilt.");
            return 0;
        }, ct));
        return new Command("supervision", "The leadership dashboard's figures.") { rebuild };
    }
}
