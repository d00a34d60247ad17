using System.Globalization;

namespace Aduan.Bench;

/// <summary>
/// <c>[intake|lookup|scale|all] [--provider sqlite|postgres|both] [--reports N] [--seconds S]</c>.
/// </summary>
public sealed record BenchOptions(bool Intake, bool Lookup, bool Scale, IReadOnlyList<string> Providers, int Reports, int Seconds)
{
    public const string Usage =
        "usage: dotnet run -c Release --project bench/Aduan.Bench -- [intake|lookup|scale|all] " +
        "[--provider sqlite|postgres|both] [--reports N] [--seconds S]";

    public static BenchOptions Parse(string[] args)
    {
        var phase = "all";
        var provider = "sqlite";
        var reports = 1_000_000;
        var seconds = 10;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "intake" or "lookup" or "scale" or "all":
                    phase = args[i];
                    break;
                case "--provider":
                    provider = Value(args, ref i);
                    break;
                case "--reports":
                    reports = Number(Value(args, ref i), 1, 100_000_000, "--reports");
                    break;
                case "--seconds":
                    seconds = Number(Value(args, ref i), 1, 3600, "--seconds");
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'.\n{Usage}");
            }
        }

        IReadOnlyList<string> providers = provider switch
        {
            "sqlite" => ["sqlite"],
            "postgres" => ["postgres"],
            "both" => ["sqlite", "postgres"],
            _ => throw new ArgumentException($"--provider must be sqlite, postgres or both, not '{provider}'.\n{Usage}"),
        };
        var all = phase == "all";
        return new BenchOptions(all || phase == "intake", all || phase == "lookup", all || phase == "scale", providers, reports, seconds);
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.\n{Usage}");

    private static int Number(string text, int min, int max, string name) =>
        int.TryParse(text.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal),
            NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max}, not '{text}'.");
}
