namespace Aduan.Bench.Scale;

/// <summary>One row of the Complaints table, column for column (see the Initial migrations).</summary>
public sealed class ComplaintRow
{
    public required long Id { get; init; }
    public required string TrackingCode { get; init; }
    public string? Title { get; init; }
    public required string Text { get; init; }
    public required string Kind { get; init; }
    public required string Privacy { get; init; }
    public required string Channel { get; init; }
    public required string Priority { get; init; }
    public required string Status { get; init; }
    public long? CategoryId { get; init; }
    public long? LeadAgencyId { get; init; }
    public required string ReporterKeyHash { get; init; }
    public long? MergedIntoId { get; init; }
    public int? Rating { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? DispatchedAt { get; init; }
    public DateTimeOffset? FollowedUpAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public DateTimeOffset? NextDueAt { get; init; }
    public DateTimeOffset? ResolutionDueAt { get; init; }
    public DateTimeOffset? FirstResponseAt { get; init; }
    public int? ResponseWorkingDays { get; init; }
    public int? FollowUpWorkingDays { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public DateTimeOffset? OmbudsmanDueAt { get; init; }
    public DateTimeOffset? OmbudsmanFlaggedAt { get; init; }
    public required int EventCount { get; init; }
    public required string LastEventHash { get; init; }
    public string? Address { get; init; }
    public string? Kecamatan { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public string? ReporterName { get; init; }
    public string? ReporterPhone { get; init; }
    public string? ReporterEmail { get; init; }
}

public sealed record EventRow(
    long ComplaintId, int Sequence, DateTimeOffset At, string Type, string Visibility, string ActorKind, string? ActorUserId,
    string ActorName, long? ActorAgencyId, string? FromStatus, string? ToStatus, string? Text, string? Data,
    string PreviousHash, string Hash);

public sealed record AssignmentRow(long ComplaintId, long AgencyId, string Role, DateTimeOffset AssignedAt);

public sealed record ClockRow(long ComplaintId, string Kind, long? AgencyId, DateTimeOffset StartedAt, DateTimeOffset DueAt, DateTimeOffset? StoppedAt,
    string? NextStep = null, DateTimeOffset? NextStepAt = null);

/// <summary>A report with everything the app would have written for it by now.</summary>
public sealed record GeneratedReport(
    ComplaintRow Complaint, IReadOnlyList<EventRow> Events, IReadOnlyList<AssignmentRow> Assignments, IReadOnlyList<ClockRow> Clocks);

/// <summary>A column and how to read its value from a row; null is SQL NULL, a DateTimeOffset an instant.</summary>
public sealed record Column<TRow>(string Name, Func<TRow, object?> Value);

/// <summary>
/// The columns the loaders write, in one place for both providers. Ids of events, assignments and
/// clocks come from the database; a report's id is chosen here so its rows can point at it.
/// </summary>
public static class BenchTables
{
    public static readonly Column<ComplaintRow>[] Complaints =
    [
        new("Id", c => c.Id), new("TrackingCode", c => c.TrackingCode),
        new("Title", c => c.Title), new("Text", c => c.Text),
        // Masked as the app masks them (Transparency/PublicTextRefresh): else the app's first start would spend the
        // measured minutes masking a million reports in the background.
        new("PublicTitle", c => Aduan.Transparency.PersonalDataMask.Apply(c.Title)),
        new("PublicText", c => Aduan.Transparency.PersonalDataMask.Apply(c.Text)),
        new("MaskVersion", _ => Aduan.Transparency.PersonalDataMask.Version),
        new("Kind", c => c.Kind), new("Privacy", c => c.Privacy),
        new("Channel", c => c.Channel), new("Priority", c => c.Priority),
        new("Status", c => c.Status), new("CategoryId", c => c.CategoryId),
        new("LeadAgencyId", c => c.LeadAgencyId), new("ReporterKeyHash", c => c.ReporterKeyHash),
        new("MergedIntoId", c => c.MergedIntoId), new("ForwardCount", _ => 0),
        new("IsImported", _ => false), new("Rating", c => c.Rating),
        new("SubmittedAt", c => c.SubmittedAt), new("UpdatedAt", c => c.UpdatedAt),
        new("DispatchedAt", c => c.DispatchedAt), new("FollowedUpAt", c => c.FollowedUpAt),
        new("ResolvedAt", c => c.ResolvedAt), new("NextDueAt", c => c.NextDueAt),
        new("DueOrder", c => c.NextDueAt ?? DateTimeOffset.MaxValue), // as Complaint.DueOrder
        new("ResolutionDueAt", c => c.ResolutionDueAt),
        new("FirstResponseAt", c => c.FirstResponseAt), new("ResponseWorkingDays", c => c.ResponseWorkingDays),
        new("FollowUpWorkingDays", c => c.FollowUpWorkingDays), new("ReopenCount", _ => 0), // the dashboard's figures (Complaint.RecordFigures)
        new("ClosedAt", c => c.ClosedAt), new("OmbudsmanDueAt", c => c.OmbudsmanDueAt),
        new("OmbudsmanFlaggedAt", c => c.OmbudsmanFlaggedAt),
        new("Version", c => c.EventCount - 1), // each change after intake adds one event and one version
        new("EventCount", c => c.EventCount), new("LastEventHash", c => c.LastEventHash),
        new("Location_Address", c => c.Address), new("Location_Kecamatan", c => c.Kecamatan),
        new("Location_Latitude", c => c.Latitude), new("Location_Longitude", c => c.Longitude),
        new("MapCell", c => Aduan.Complaints.ComplaintLocation.CellOf(c.Latitude, c.Longitude)),
        new("Reporter_Email", c => c.ReporterEmail), new("Reporter_Name", c => c.ReporterName),
        new("Reporter_Phone", c => c.ReporterPhone),
    ];

    public static readonly Column<EventRow>[] Events =
    [
        new("ComplaintId", e => e.ComplaintId), new("Sequence", e => e.Sequence),
        new("At", e => e.At), new("Type", e => e.Type),
        new("Visibility", e => e.Visibility), new("ActorKind", e => e.ActorKind),
        new("ActorUserId", e => e.ActorUserId), new("ActorName", e => e.ActorName),
        new("ActorAgencyId", e => e.ActorAgencyId), new("FromStatus", e => e.FromStatus),
        new("ToStatus", e => e.ToStatus), new("Text", e => e.Text),
        new("Data", e => e.Data), new("PreviousHash", e => e.PreviousHash),
        new("Hash", e => e.Hash),
    ];

    public static readonly Column<AssignmentRow>[] Assignments =
    [
        new("ComplaintId", a => a.ComplaintId), new("AgencyId", a => a.AgencyId),
        new("Role", a => a.Role), new("AssignedAt", a => a.AssignedAt),
        new("EndedAt", _ => null),
    ];

    public static readonly Column<ClockRow>[] Clocks =
    [
        new("ComplaintId", k => k.ComplaintId), new("Kind", k => k.Kind),
        new("AgencyId", k => k.AgencyId), new("StartedAt", k => k.StartedAt),
        new("DueAt", k => k.DueAt), new("StoppedAt", k => k.StoppedAt),
        new("NextStep", k => k.NextStep), new("NextStepAt", k => k.NextStepAt),
    ];
}
