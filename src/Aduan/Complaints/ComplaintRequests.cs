namespace Aduan.Complaints;

public sealed record SubmitComplaintRequest(
    string? Text,
    string? Title = null,
    string? Category = null,
    ComplaintKind? Kind = null,
    PrivacyMode? Privacy = null,
    ReporterRequest? Reporter = null,
    LocationRequest? Location = null,
    Channel? Channel = null,
    NotifyBy? NotifyBy = null);

/// <param name="PublishName">The reporter agrees to be named on the public register (a public report with a name only).</param>
public sealed record ReporterRequest(string? Name = null, string? Phone = null, string? Email = null, bool? PublishName = null);

public sealed record LocationRequest(string? Address = null, double? Lat = null, double? Lng = null, string? Kecamatan = null);

public sealed record ReplyRequest(string? Text);

public sealed record FeedbackRequest(bool? Accepted, int? Rating = null, string? Comment = null);

/// <summary>One body for every staff action; which fields count depends on <see cref="Action"/>.</summary>
public sealed record TransitionRequest(
    string? Action,
    string? Category = null,
    ComplaintKind? Kind = null,
    PrivacyMode? Privacy = null,
    Priority? Priority = null,
    string? Question = null,
    string? Reason = null,
    string? Primary = null,
    string? Agency = null,
    IReadOnlyList<string>? Copies = null,
    string? Note = null,
    string? Text = null,
    bool? Final = null,
    int? Version = null,
    bool? OnSite = null);

/// <summary>What intake answers, and what a retry with the same Idempotency-Key gets again.</summary>
public sealed record SubmitComplaintResponse(
    string TrackingCode,
    [property: System.ComponentModel.Description("Shown once, never stored in clear: 25 characters in five groups (K7M2Q-XP4RT-...), "
        + "readable aloud; send it back as X-Reporter-Key in any case, hyphens optional.")]
    string ReporterKey,
    string Status,
    string StatusLabel,
    DateTimeOffset SubmittedAt,
    IReadOnlyList<DeadlineView> Deadlines);
