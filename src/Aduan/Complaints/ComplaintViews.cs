using System.Text.Json;
using Aduan.Sla;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Complaints;

public sealed record CodeName(string Code, string Name);

public sealed record DeadlineView(
    string Clock,
    string Label,
    string? Agency,
    DateTimeOffset StartedAt,
    DateTimeOffset DueAt,
    DateTimeOffset? StoppedAt,
    string State,
    bool Overdue);

public sealed record TimelineEntry(
    int Sequence,
    DateTimeOffset At,
    string Type,
    string Label,
    string? Text,
    string Actor,
    string? Agency,
    string? FromStatus,
    string? ToStatus,
    string Visibility,
    JsonElement? Data);

/// <summary>What anyone with the tracking code sees; with the reporter key also the text and the reporter's messages.</summary>
public sealed record PublicComplaintView(
    string TrackingCode,
    string Status,
    string StatusLabel,
    string Kind,
    CodeName? Category,
    CodeName? Agency,
    string? MergedInto,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt,
    string? Title,
    string? Text,
    IReadOnlyList<DeadlineView> Deadlines,
    IReadOnlyList<TimelineEntry> Timeline)
{
    /// <summary>A referred report's copy at the hub (Federation/): the hub's code and where to follow it; null otherwise.</summary>
    public HubCopyView? Hub { get; init; }
}

/// <summary>The hub's <c>service_request_id</c> of a referred report and the link to follow it there.</summary>
public sealed record HubCopyView(string Code, string? Url);

public sealed record StaffComplaintListItem(
    string TrackingCode,
    string? Title,
    string Excerpt,
    string Status,
    string StatusLabel,
    string Kind,
    string Privacy,
    string Priority,
    string Channel,
    CodeName? Category,
    CodeName? Agency,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? NextDueAt,
    bool Overdue,
    int ForwardCount,
    string? NextDueClock = null,
    string? Kecamatan = null,
    double? Lat = null,
    double? Lng = null);

/// <summary>A page of a list. <see cref="TotalCountCapped"/>: there are more than <see cref="TotalCount"/> matches (the count stops there).</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount, int TotalPages, bool TotalCountCapped = false);

/// <summary>
/// A list's count that stops at <c>max</c>: counting every match of a broad filter at a million reports costs more
/// than the page itself, so the lists say "more than max" instead.
/// </summary>
public readonly record struct CappedCount(int Total, bool Capped)
{
    public static async Task<CappedCount> OfAsync<T>(IQueryable<T> query, int max, CancellationToken ct)
    {
        var counted = await query.Take(max + 1).CountAsync(ct);
        return new CappedCount(Math.Min(counted, max), counted > max);
    }

    /// <summary>A page of the list this counts.</summary>
    public PagedList<T> Page<T>(IReadOnlyList<T> items, int page, int pageSize) =>
        new(items, page, pageSize, Total, (Total + pageSize - 1) / pageSize, Capped);
}

/// <param name="NamePublished">The reporter chose to be named on the public register.</param>
/// <param name="ErasedAt">When the contact details were erased (retention or a request); null while held or when none was given.</param>
public sealed record ReporterView(string? Name, string? Phone, string? Email, bool NamePublished = false, DateTimeOffset? ErasedAt = null);

public sealed record LocationView(string? Address, double? Lat, double? Lng, string? Kecamatan);

public sealed record AssignmentView(string Agency, string Name, string Role, DateTimeOffset AssignedAt, DateTimeOffset? EndedAt);

public sealed record StaffComplaintView(
    string TrackingCode,
    int Version,
    string Status,
    string StatusLabel,
    string? Title,
    string Text,
    string Kind,
    string Privacy,
    string Priority,
    string Channel,
    bool IsImported,
    CodeName? Category,
    CodeName? Agency,
    IReadOnlyList<AssignmentView> Assignments,
    ReporterView? Reporter,
    bool ReporterHidden,
    LocationView Location,
    string? MergedInto,
    int ForwardCount,
    bool Flagged,
    int? Rating,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<string> AllowedActions,
    IReadOnlyList<DeadlineView> Deadlines,
    IReadOnlyList<TimelineEntry> Timeline,
    DateTimeOffset? OmbudsmanFlaggedAt = null,
    DateTimeOffset? TakenOverAt = null)
{
    /// <summary>The report's links to other instances (Federation/); null when it has none.</summary>
    public FederationLinkView? Federation { get; init; }
}

/// <summary>The sender's id of a report that came from another instance, and where its copy lives (<c>upstream</c> or a member).</summary>
public sealed record FederationLinkView(string? ExternalId, string? Peer, string? RemoteId, string? RemoteUrl);

public static class DeadlineViews
{
    public static DeadlineView From(SlaClock clock, string label, string? agencyCode, DateTimeOffset now) => new(
        clock.Kind.ToString(), label, agencyCode, clock.StartedAt, clock.DueAt, clock.StoppedAt,
        clock.IsRunning ? "running" : clock.IsOverdue(now) ? "missed" : "met",
        clock.IsRunning && clock.IsOverdue(now));
}
