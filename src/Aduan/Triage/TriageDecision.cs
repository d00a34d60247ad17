namespace Aduan.Triage;

/// <summary>
/// One dispatch of a report that had a suggestion: what was suggested (by which model version, or
/// by the category keywords), what the manager chose, and whether the choice kept the suggestion.
/// Written in the dispatch's own transaction (<see cref="TriageDecisionRecorder"/>).
/// </summary>
public sealed class TriageDecision
{
    public long Id { get; set; }
    public long ComplaintId { get; set; }
    public DateTimeOffset DecidedAt { get; set; }

    /// <summary>The model version that suggested; null for the category keywords.</summary>
    public int? ModelVersion { get; set; }

    public required string SuggestedCategory { get; set; }
    public string? SuggestedAgency { get; set; }

    /// <summary>The category and lead agency the report was dispatched with.</summary>
    public required string Category { get; set; }
    public required string Agency { get; set; }

    public bool CategoryAccepted { get; set; }
    public bool AgencyAccepted { get; set; }
}
