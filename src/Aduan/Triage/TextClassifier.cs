using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Text;

namespace Aduan.Triage;

/// <summary>One labelled text: a report and the category or agency the manager chose for it.</summary>
public sealed record LabelledText(string Text, string Label);

/// <summary>A label with the classifier's probability for it.</summary>
public sealed record ScoredLabel(string Label, double Score);

/// <summary>
/// A text classifier (ML.NET): the normalised text (<see cref="TextNormalizer"/>) as word uni- and
/// bigrams and character trigrams, so typos and informal spellings still share most features, into
/// a multiclass logistic regression (SDCA maximum entropy). One thread and a fixed seed: the same
/// examples give the same model and the same scores. Thread-safe for prediction.
/// </summary>
public sealed class TextClassifier
{
    public const int Seed = 20261204;

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly DataViewSchema _inputSchema;
    private readonly PredictionEngine<Row, Scores> _engine;
    private readonly string[] _labels;
    private readonly Lock _lock = new();

    private TextClassifier(MLContext ml, ITransformer model, DataViewSchema inputSchema)
    {
        _ml = ml;
        _model = model;
        _inputSchema = inputSchema;
        _engine = ml.Model.CreatePredictionEngine<Row, Scores>(model, inputSchema);
        _labels = LabelsOf(model.GetOutputSchema(inputSchema));
    }

    /// <summary>The labels the model knows, in the order of its scores.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>Trains on <paramref name="examples"/> (at least two distinct labels).</summary>
    public static TextClassifier Train(IEnumerable<LabelledText> examples)
    {
        var rows = examples.Select(e => new Row { Text = TextNormalizer.Normalize(e.Text), Label = e.Label }).ToList();
        if (rows.Select(r => r.Label).Distinct(StringComparer.Ordinal).Count() < 2)
        {
            throw new ArgumentException("Training needs examples of at least two different labels.", nameof(examples));
        }

        var ml = new MLContext(Seed);
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.Transforms.Text.FeaturizeText("Features", new TextFeaturizingEstimator.Options
            {
                CaseMode = TextNormalizingEstimator.CaseMode.None,
                KeepDiacritics = false,
                KeepPunctuations = false,
                KeepNumbers = true,
                WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
                CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = false },
                Norm = TextFeaturizingEstimator.NormFunction.L2,
            }, nameof(Row.Text)))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                NumberOfThreads = 1,
                MaximumNumberOfIterations = 30,
                L2Regularization = 1e-4f,
            }));
        return new TextClassifier(ml, pipeline.Fit(data), data.Schema);
    }

    /// <summary>A model written by <see cref="Save"/>.</summary>
    public static TextClassifier Load(Stream stream)
    {
        var ml = new MLContext(Seed);
        var model = ml.Model.Load(stream, out var schema);
        return new TextClassifier(ml, model, schema);
    }

    public void Save(Stream stream) => _ml.Model.Save(_model, _inputSchema, stream);

    /// <summary>Every label with its probability, most likely first (ties by label, so the order is stable).</summary>
    public IReadOnlyList<ScoredLabel> Predict(string text)
    {
        float[] scores;
        lock (_lock)
        {
            scores = _engine.Predict(new Row { Text = TextNormalizer.Normalize(text), Label = "" }).Score;
        }

        return scores.Select((s, i) => new ScoredLabel(_labels[i], s))
            .OrderByDescending(s => s.Score).ThenBy(s => s.Label, StringComparer.Ordinal).ToList();
    }

    private static string[] LabelsOf(DataViewSchema output)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        output["Score"].GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    private sealed class Row
    {
        public string Text { get; set; } = "";
        public string Label { get; set; } = "";
    }

    private sealed class Scores
    {
        public float[] Score { get; set; } = [];
    }
}
