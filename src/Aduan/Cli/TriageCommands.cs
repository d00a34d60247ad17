using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Aduan.Data;
using Aduan.Infrastructure;
using Aduan.Sla;
using Aduan.Triage;
using Microsoft.Extensions.Options;

namespace Aduan.Cli;

/// <summary>
/// <c>triage train|evaluate</c> on any labelled CSV (no database needed), and <c>triage
/// train</c> without a CSV and <c>triage evaluate-history</c> on the city's own history.
/// </summary>
public static class TriageCommands
{
    /// <summary>The share of a CSV held out for testing when <c>evaluate</c> is given no model.</summary>
    private const double HeldOut = 0.2;

    public static Command Build()
    {
        var triage = new Command("triage", "The category and agency suggestion: train and measure the text classifier.");
        var csv = new Option<FileInfo?>("--csv") { Description = "A labelled CSV (UTF-8, header row, quoted fields allowed)." };
        var textColumn = new Option<string>("--text-column") { Description = "The column holding the report text.", DefaultValueFactory = _ => "text" };
        var labelColumn = new Option<string>("--label-column") { Description = "The column holding the label (category or agency).", DefaultValueFactory = _ => "label" };
        var modelOut = new Option<FileInfo?>("--model") { Description = "Where to write the model (default triage-model.zip)." };
        var train = new Command("train",
            "With --csv: train on the CSV and write the model file. Without: train on the city's dispatched reports and make it the current model.")
        { csv, textColumn, labelColumn, modelOut };
        train.SetAction((parse, ct) => parse.GetValue(csv) is { } file
            ? Task.FromResult(TrainCsv(file, parse.GetValue(textColumn)!, parse.GetValue(labelColumn)!, parse.GetValue(modelOut)))
            : AduanCli.WithServices((sp, token) => TrainHistoryAsync(sp, token), ct));
        triage.Subcommands.Add(train);

        var csvRequired = new Option<FileInfo>("--csv") { Description = csv.Description, Required = true };
        var modelIn = new Option<FileInfo?>("--model") { Description = "A model written by triage train; without it, 20% of the rows (seeded shuffle) are held out and the rest trained on." };
        var evaluate = new Command("evaluate", "Accuracy, macro-F1, per-label precision and recall, and the confusion matrix on a labelled CSV.")
        { csvRequired, textColumn, labelColumn, modelIn };
        evaluate.SetAction(parse => Evaluate(parse.GetValue(csvRequired)!, parse.GetValue(textColumn)!, parse.GetValue(labelColumn)!,
            parse.GetValue(modelIn)));
        triage.Subcommands.Add(evaluate);

        var until = new Option<string>("--until") { Description = "yyyy-MM-dd: train on reports submitted before this day (city time), test on those from it on.", Required = true };
        var history = new Command("evaluate-history", "Measure the suggestion on the city's own history: train before a date, score after it.") { until };
        history.SetAction((parse, ct) => AduanCli.WithServices((sp, token) => EvaluateHistoryAsync(sp, parse.GetValue(until)!, token), ct));
        triage.Subcommands.Add(history);
        return triage;
    }

    private static int TrainCsv(FileInfo file, string textColumn, string labelColumn, FileInfo? output)
    {
        var data = LabelledCsv.Read(file.FullName, textColumn, labelColumn);
        if (!Readable(data) || !HasTwoLabels(data.Rows))
        {
            return 1;
        }

        Console.Error.WriteLine($"Training on {data.Rows.Count} rows ...");
        var model = TextClassifier.Train(data.Rows);
        var path = output?.FullName ?? Path.GetFullPath("triage-model.zip");
        using (var f = File.Create(path))
        {
            model.Save(f);
        }

        Console.WriteLine($"Trained on {data.Rows.Count} rows ({data.Skipped} skipped: empty text or label), {model.Labels.Count} labels.");
        Console.WriteLine($"Model written to {path}");
        return 0;
    }

    private static int Evaluate(FileInfo file, string textColumn, string labelColumn, FileInfo? modelFile)
    {
        var data = LabelledCsv.Read(file.FullName, textColumn, labelColumn);
        if (!Readable(data))
        {
            return 1;
        }

        IReadOnlyList<LabelledText> test;
        TextClassifier model;
        if (modelFile is not null)
        {
            if (!modelFile.Exists)
            {
                Console.Error.WriteLine($"No such model file: {modelFile.FullName}");
                return 1;
            }

            using var f = modelFile.OpenRead();
            model = TextClassifier.Load(f);
            test = data.Rows;
            Console.WriteLine($"Model {modelFile.Name}, scored on all {test.Count} rows.");
        }
        else
        {
            var shuffled = data.Rows.ToList();
            Shuffle(shuffled);
            var held = Math.Max(1, (int)Math.Round(shuffled.Count * HeldOut));
            var trainRows = shuffled.Skip(held).ToList();
            if (!HasTwoLabels(trainRows))
            {
                return 1;
            }

            model = TextClassifier.Train(trainRows);
            test = shuffled.Take(held).ToList();
            Console.WriteLine($"Trained on {trainRows.Count} rows, scored on {test.Count} held out (seeded shuffle, seed {TextClassifier.Seed}).");
        }

        if (data.Skipped > 0)
        {
            Console.WriteLine($"{data.Skipped} rows skipped: empty text or label.");
        }

        ClassifierMetrics.Of(test.Select(r => (r.Label, model.Predict(r.Text)[0].Label)).ToList()).WriteTo(Console.Out);
        return 0;
    }

    /// <summary>Each step of a long run on standard error, with the seconds since it began.</summary>
    private static Action<string> Progress(Stopwatch clock) =>
        step => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,5:0} s] {step}"));

    /// <summary>
    /// Trains on the city's history and makes it the current model: a change of what every desk
    /// suggests, so it is audited as <c>triage.train</c> by the shell's user. Each step is printed
    /// with the time so far (at 50,000 reports the training takes minutes).
    /// </summary>
    private static async Task<int> TrainHistoryAsync(IServiceProvider sp, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var run = await sp.GetRequiredService<TriageRetraining>().RunOnceAsync(ct, Progress(clock));
        if (run.Model is not { } info)
        {
            var min = sp.GetRequiredService<IOptions<TriageOptions>>().Value.MinimumExamples;
            await Console.Error.WriteLineAsync(run.Result switch
            {
                TrainingResult.AnotherInstance => "No model trained: another instance is training.",
                TrainingResult.Failed => "Training failed: " + run.Error,
                _ => $"No model trained: fewer than {min} dispatched reports (Aduan:Triage:MinimumExamples), or of one category only. Suggestions keep coming from category keywords.",
            });
            return 1;
        }

        sp.GetRequiredService<AuditTrail>().Record("cli:" + Environment.UserName, null, "triage.train", $"model-{info.Version}",
            new { info.Examples, info.HeldOut });
        await sp.GetRequiredService<AduanDbContext>().SaveChangesAsync(ct);
        Console.WriteLine($"Model version {info.Version} trained on {info.Examples} dispatched reports at {info.TrainedAt:u} ({clock.Elapsed.TotalSeconds:0} s).");
        if (info.CategoryMetrics is { } m)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Category on the newest {info.HeldOut} held out: accuracy {m.Accuracy:0.0000}, macro-F1 {m.MacroF1:0.0000}"));
        }

        return 0;
    }

    private static async Task<int> EvaluateHistoryAsync(IServiceProvider sp, string until, CancellationToken ct)
    {
        if (!Dates.TryParseIso(until, out var day))
        {
            await Console.Error.WriteLineAsync("--until must be a date, yyyy-MM-dd.");
            return 1;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(sp.GetRequiredService<IOptions<SlaOptions>>().Value.TimeZone);
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        var at = new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
        var clock = Stopwatch.StartNew();
        var result = await sp.GetRequiredService<TriageTraining>().EvaluateHistoryAsync(at, ct, Progress(clock));
        if (result is null)
        {
            await Console.Error.WriteLineAsync(
                $"Nothing to measure: the history needs dispatched reports of at least two categories before {day:yyyy-MM-dd} and at least one from it on.");
            return 1;
        }

        Console.WriteLine($"Trained on {result.Trained} dispatched reports submitted before {day:yyyy-MM-dd}, scored on {result.Tested} from it on.");
        Console.WriteLine();
        Console.WriteLine("== category ==");
        result.Category.WriteTo(Console.Out);
        if (result.Agency is { } agency)
        {
            Console.WriteLine();
            Console.WriteLine("== lead agency ==");
            agency.WriteTo(Console.Out);
        }

        return 0;
    }

    private static bool Readable(LabelledCsvResult data)
    {
        if (data.Error is null)
        {
            return true;
        }

        Console.Error.WriteLine(data.Error);
        return false;
    }

    private static bool HasTwoLabels(IReadOnlyList<LabelledText> rows)
    {
        if (rows.Select(r => r.Label).Distinct(StringComparer.Ordinal).Count() >= 2)
        {
            return true;
        }

        Console.Error.WriteLine("Training needs rows of at least two different labels.");
        return false;
    }

    /// <summary>Fisher–Yates with the classifier's seed: the same file always splits the same way.</summary>
    private static void Shuffle(List<LabelledText> rows)
    {
#pragma warning disable CA5394 // a reproducible split, not security
        var random = new Random(TextClassifier.Seed);
        for (var i = rows.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (rows[i], rows[j]) = (rows[j], rows[i]);
        }
#pragma warning restore CA5394
    }
}
