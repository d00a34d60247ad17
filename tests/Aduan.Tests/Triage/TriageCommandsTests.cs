using System.Text;
using Aduan.Tests.Support;

namespace Aduan.Tests.Triage;

/// <summary><c>triage train</c> and <c>triage evaluate</c> on a CSV, run as the real executable.</summary>
public sealed class TriageCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("aduan-triage-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The classifier tests' examples, each written three times with a different tail, quoted, with commas and line breaks.</summary>
    private string WriteCsv()
    {
        var csv = new StringBuilder("no,\"isi laporan\",kategori\n");
        var n = 0;
        foreach (var tail in new[] { "mohon dicek", "tolong, segera", "terima kasih\npak" })
        {
            foreach (var e in TextClassifierTests.Examples)
            {
                csv.Append(++n).Append(",\"").Append(e.Text).Append(", ").Append(tail).Append("\",").Append(e.Label).Append('\n');
            }
        }

        var path = Path.Combine(_dir, "laporan.csv");
        File.WriteAllText(path, csv.ToString(), new UTF8Encoding(true));
        return path;
    }

    [Fact]
    public async Task Evaluate_LabelledCsv_PrintsTheMetrics()
    {
        var csv = WriteCsv();

        var run = await AppProcess.RunAsync(_dir, null, null, "triage", "evaluate", "--csv", csv, "--text-column", "isi laporan", "--label-column", "kategori");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("scored on 10 held out", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"accuracy: \d\.\d{4}", run.Output);
        Assert.Matches(@"macro-F1: \d\.\d{4}", run.Output);
        Assert.Matches(@"(?m)^label\s+support\s+precision\s+recall\s+f1$", run.Output);
        Assert.Contains("confusion matrix", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^KEPENDUDUKAN(\s+\d+){4}$", run.Output);
    }

    [Fact]
    public async Task TrainThenEvaluate_WithModel_ScoresEveryRow()
    {
        var csv = WriteCsv();
        var model = Path.Combine(_dir, "model.zip");

        var train = await AppProcess.RunAsync(_dir, null, null, "triage", "train", "--csv", csv, "--text-column", "isi laporan", "--label-column", "kategori", "--model", model);
        var evaluate = await AppProcess.RunAsync(_dir, null, null, "triage", "evaluate", "--csv", csv, "--text-column", "isi laporan", "--label-column", "kategori", "--model", model);

        Assert.True(train.ExitCode == 0, train.Error);
        Assert.Contains("Trained on 48 rows", train.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(model));
        Assert.True(evaluate.ExitCode == 0, evaluate.Error);
        Assert.Contains("examples: 48", evaluate.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_MissingColumn_SaysWhichColumnsExist()
    {
        var csv = WriteCsv();

        var run = await AppProcess.RunAsync(_dir, null, null, "triage", "evaluate", "--csv", csv, "--text-column", "teks", "--label-column", "kategori");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no column \"teks\"", run.Error, StringComparison.Ordinal);
        Assert.Contains("\"isi laporan\"", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_EmptyFile_SaysSo()
    {
        var csv = Path.Combine(_dir, "kosong.csv");
        await File.WriteAllTextAsync(csv, "");

        var run = await AppProcess.RunAsync(_dir, null, null, "triage", "evaluate", "--csv", csv, "--text-column", "teks", "--label-column", "kategori");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is empty", run.Error, StringComparison.Ordinal);
    }
}
