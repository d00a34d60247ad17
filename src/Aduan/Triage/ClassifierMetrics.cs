using System.Globalization;

namespace Aduan.Triage;

/// <summary>Precision, recall and F1 of one label over a test set, with its number of true examples.</summary>
public sealed record LabelFigures(string Label, int Support, double Precision, double Recall, double F1);

/// <summary>
/// How a classifier did on labelled examples it was not trained on: accuracy, macro-F1 (every
/// label weighs the same, so a rare agency counts as much as the busiest one), per-label figures
/// and the confusion matrix (rows: the true label; columns: the predicted one).
/// </summary>
public sealed record ClassifierMetrics(int Count, double Accuracy, double MacroF1, IReadOnlyList<LabelFigures> PerLabel,
    IReadOnlyList<string> Labels, IReadOnlyList<int[]> Confusion)
{
    public static ClassifierMetrics Of(IReadOnlyList<(string Truth, string Predicted)> pairs)
    {
        var labels = pairs.SelectMany(p => new[] { p.Truth, p.Predicted }).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToList();
        var index = labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        var confusion = labels.Select(_ => new int[labels.Count]).ToArray();
        foreach (var (truth, predicted) in pairs)
        {
            confusion[index[truth]][index[predicted]]++;
        }

        var perLabel = new List<LabelFigures>();
        for (var i = 0; i < labels.Count; i++)
        {
            var tp = confusion[i][i];
            var actual = confusion[i].Sum();
            var predicted = confusion.Sum(row => row[i]);
            var precision = predicted == 0 ? 0 : (double)tp / predicted;
            var recall = actual == 0 ? 0 : (double)tp / actual;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perLabel.Add(new LabelFigures(labels[i], actual, precision, recall, f1));
        }

        // Macro-F1 over the labels that occur in the truth: a label only ever predicted has no recall to speak of.
        var truthLabels = perLabel.Where(f => f.Support > 0).ToList();
        var correct = Enumerable.Range(0, labels.Count).Sum(i => confusion[i][i]);
        return new ClassifierMetrics(pairs.Count, pairs.Count == 0 ? 0 : (double)correct / pairs.Count,
            truthLabels.Count == 0 ? 0 : truthLabels.Average(f => f.F1), perLabel, labels, confusion);
    }

    /// <summary>The figures as the command line prints them.</summary>
    public void WriteTo(TextWriter o)
    {
        var c = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(c, $"examples: {Count}"));
        o.WriteLine(string.Create(c, $"accuracy: {Accuracy:0.0000}"));
        o.WriteLine(string.Create(c, $"macro-F1: {MacroF1:0.0000}"));
        o.WriteLine();
        var width = Math.Max(5, Labels.Max(l => (int?)l.Length) ?? 5);
        o.WriteLine($"{"label".PadRight(width)}  support  precision  recall  f1");
        foreach (var f in PerLabel)
        {
            o.WriteLine(string.Create(c, $"{f.Label.PadRight(width)}  {f.Support,7}  {f.Precision,9:0.000}  {f.Recall,6:0.000}  {f.F1,5:0.000}"));
        }

        o.WriteLine();
        o.WriteLine("confusion matrix (rows: true label, columns: predicted, in the order of the rows):");
        var cell = Math.Max(4, Confusion.SelectMany(r => r).DefaultIfEmpty(0).Max().ToString(c).Length + 1);
        for (var i = 0; i < Labels.Count; i++)
        {
            o.WriteLine(Labels[i].PadRight(width) + string.Concat(Confusion[i].Select(n => n.ToString(c).PadLeft(cell))));
        }
    }
}
