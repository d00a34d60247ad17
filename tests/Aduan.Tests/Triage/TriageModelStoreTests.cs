using Aduan.Infrastructure;
using Aduan.Triage;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Aduan.Tests.Triage;

public sealed class TriageModelStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("aduan-triage-store-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private TriageModelStore NewStore() => new(Options.Create(new AduanOptions { DataDirectory = _dir }), new FakeTimeProvider(DateTimeOffset.UnixEpoch));

    [Fact]
    public void Current_AnotherProcessSaved_LoadsTheNewestVersionWithItsFigures()
    {
        var model = TextClassifier.Train(TextClassifierTests.Examples);
        var metrics = ClassifierMetrics.Of([("JALAN", "JALAN"), ("PJU", "JALAN"), ("PJU", "PJU")]);
        var writer = NewStore();
        writer.Save(DateTimeOffset.UnixEpoch, 16, 3, metrics, null, model, null);
        writer.Save(DateTimeOffset.UnixEpoch.AddDays(1), 16, 3, metrics, metrics, model, model);

        var current = NewStore().Current!;

        Assert.Equal(2, current.Info.Version);
        Assert.NotNull(current.Agency);
        Assert.Equal(metrics.Accuracy, current.Info.CategoryMetrics!.Accuracy);
        Assert.Equal([[1, 0], [1, 1]], current.Info.AgencyMetrics!.Confusion);
        Assert.Equal(model.Predict("lampu mati"), current.Category.Predict("lampu mati"));
    }

    [Fact]
    public void Current_NothingTrained_IsNull() => Assert.Null(NewStore().Current);

    [Fact]
    public void Of_Predictions_ComputesAccuracyMacroF1AndConfusion()
    {
        var m = ClassifierMetrics.Of([("A", "A"), ("A", "B"), ("B", "B"), ("B", "B")]);

        Assert.Equal(0.75, m.Accuracy);
        Assert.Equal(["A", "B"], m.Labels);
        Assert.Equal([[1, 1], [0, 2]], m.Confusion);
        Assert.Equal(1.0, m.PerLabel[0].Precision);
        Assert.Equal(0.5, m.PerLabel[0].Recall);
        Assert.Equal(((2 * 0.5 / 1.5) + (2 * (2.0 / 3) / (5.0 / 3))) / 2, m.MacroF1, 10);
    }
}
