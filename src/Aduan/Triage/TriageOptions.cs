using System.ComponentModel.DataAnnotations;

namespace Aduan.Triage;

/// <summary>Section <c>Aduan:Triage</c>: the suggestion model's training and the duplicate search.</summary>
public sealed class TriageOptions
{
    public const string Section = "Aduan:Triage";

    /// <summary>Retrain from the city's history every <see cref="RetrainInterval"/>.</summary>
    public bool RetrainEnabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan RetrainInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Below this many dispatched reports no model is trained: suggestions come from category keywords.</summary>
    [Range(20, 10_000_000)]
    public int MinimumExamples { get; set; } = 200;

    /// <summary>The newest dispatched reports a training reads at most (memory and time stay bounded at a million reports).</summary>
    [Range(100, 10_000_000)]
    public int MaximumExamples { get; set; } = 50_000;

    /// <summary>The newest share of the examples held out to measure a new model before it is trained on all of them.</summary>
    [Range(0.05, 0.5)]
    public double HoldoutFraction { get; set; } = 0.2;

    /// <summary>How far from a report's pin another report of the same category counts as the same place.</summary>
    [Range(10, 10_000)]
    public double DuplicateRadiusMeters { get; set; } = 500;

    /// <summary>How far back duplicates are looked for.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "365.00:00:00")]
    public TimeSpan DuplicatePeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The text similarity (0 to 1) from which a report of another category or place is offered as a duplicate.</summary>
    [Range(0.05, 1.0)]
    public double DuplicateMinSimilarity { get; set; } = 0.35;

    /// <summary>The newest open reports in the area read per query (twice: of the category, of any category); bounds the work at any size.</summary>
    [Range(10, 5_000)]
    public int DuplicateCandidates { get; set; } = 200;
}
