using System.Globalization;
using System.Text.Json;
using Aduan.Infrastructure;
using Microsoft.Extensions.Options;

namespace Aduan.Triage;

/// <summary>What a stored model is: its version, when and from what it was trained, and how it measured.</summary>
public sealed record TriageModelInfo(int Version, DateTimeOffset TrainedAt, int Examples, int HeldOut,
    ClassifierMetrics? CategoryMetrics, ClassifierMetrics? AgencyMetrics);

/// <summary>A trained model: the category classifier and, when the history names at least two agencies, the agency one.</summary>
public sealed record TriageModel(TriageModelInfo Info, TextClassifier Category, TextClassifier? Agency);

/// <summary>
/// The models, versioned, as files in the data directory (<c>triage/model-N.json</c>,
/// <c>category-N.zip</c>, <c>agency-N.zip</c>): the newest complete version is the current one.
/// A model trained by another process (the command line, another instance sharing the directory)
/// is picked up within a minute. Older versions are kept, for comparing and going back by hand.
/// </summary>
public sealed class TriageModelStore(IOptions<AduanOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Recheck = TimeSpan.FromMinutes(1);
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly Lock _lock = new();
    private TriageModel? _current;
    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;

    public string Directory => Path.Combine(options.Value.DataDirectory, "triage");

    /// <summary>The newest stored model, or null while none was trained.</summary>
    public TriageModel? Current
    {
        get
        {
            lock (_lock)
            {
                var now = time.GetUtcNow();
                if (now - _checkedAt >= Recheck)
                {
                    _checkedAt = now;
                    if (LatestVersion() is { } v && v != _current?.Info.Version)
                    {
                        _current = Load(v);
                    }
                }

                return _current;
            }
        }
    }

    /// <summary>Stores the classifiers as the next version and makes it the current model.</summary>
    public TriageModel Save(DateTimeOffset trainedAt, int examples, int heldOut, ClassifierMetrics? categoryMetrics,
        ClassifierMetrics? agencyMetrics, TextClassifier category, TextClassifier? agency)
    {
        lock (_lock)
        {
            System.IO.Directory.CreateDirectory(Directory);
            var info = new TriageModelInfo((LatestVersion() ?? 0) + 1, trainedAt, examples, heldOut, categoryMetrics, agencyMetrics);
            using (var f = File.Create(PathOf("category", info.Version, "zip")))
            {
                category.Save(f);
            }

            if (agency is not null)
            {
                using var f = File.Create(PathOf("agency", info.Version, "zip"));
                agency.Save(f);
            }

            // The description is written last: a version without it is incomplete and never loaded.
            var json = PathOf("model", info.Version, "json");
            File.WriteAllText(json + ".tmp", JsonSerializer.Serialize(info, Json));
            File.Move(json + ".tmp", json);
            _current = new TriageModel(info, category, agency);
            _checkedAt = time.GetUtcNow();
            return _current;
        }
    }

    private TriageModel Load(int version)
    {
        var info = JsonSerializer.Deserialize<TriageModelInfo>(File.ReadAllText(PathOf("model", version, "json")))!;
        using var c = File.OpenRead(PathOf("category", version, "zip"));
        var agencyPath = PathOf("agency", version, "zip");
        TextClassifier? agency = null;
        if (File.Exists(agencyPath))
        {
            using var a = File.OpenRead(agencyPath);
            agency = TextClassifier.Load(a);
        }

        return new TriageModel(info, TextClassifier.Load(c), agency);
    }

    private int? LatestVersion()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return null;
        }

        return System.IO.Directory.EnumerateFiles(Directory, "model-*.json")
            .Select(p => Path.GetFileNameWithoutExtension(p)["model-".Length..])
            .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : (int?)null)
            .Max();
    }

    private string PathOf(string kind, int version, string extension) =>
        Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"{kind}-{version}.{extension}"));
}
