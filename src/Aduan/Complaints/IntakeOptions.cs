using System.ComponentModel.DataAnnotations;

namespace Aduan.Complaints;

/// <summary>Section <c>Aduan:Intake</c>.</summary>
public sealed class IntakeOptions
{
    public const string Section = "Aduan:Intake";

    /// <summary>Store concurrent submissions together, one transaction (and one disk flush) per batch.</summary>
    public bool GroupCommit { get; set; } = true;

    [Range(1, 5000)]
    public int MaxBatch { get; set; } = 256;

    /// <summary>Submissions waiting for the writer; when full, new ones wait (the load shedder answers 503 long before).</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 10_000;
}
