using System.Text.Json;
using Aduan.Agencies;
using Aduan.Identity;
using Aduan.Infrastructure;
using Aduan.Resources;
using Aduan.Sla;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Aduan.Complaints;

/// <summary>Turns reports, clocks and events into API views in the request's language, hiding what the viewer may not see.</summary>
public sealed class ComplaintPresenter(
    IStringLocalizer<SharedResource> text, AgencyDirectory agencies, TimeProvider time, IOptions<SlaOptions> sla)
{
    public string StatusLabel(ComplaintStatus status) => text["Status." + status];

    public async Task<IReadOnlyList<DeadlineView>> DeadlinesAsync(IEnumerable<SlaClock> clocks, CancellationToken ct)
    {
        var byId = await agencies.GetAsync(ct);
        var now = time.Now();
        // A clock stopped and started again with the same deadline (a follow-up sent back keeps the resolution
        // deadline) is one deadline to the reader: its latest run stands for it.
        return clocks.GroupBy(c => (c.Kind, c.AgencyId, c.DueAt)).Select(g => g.MaxBy(c => c.StartedAt)!)
            .OrderBy(c => c.StartedAt).ThenBy(c => c.Kind)
            .Select(c => DeadlineViews.From(c, text["Clock." + c.Kind], AgencyCode(byId, c.AgencyId), now))
            .ToList();
    }

    /// <summary>
    /// What of an event's data the public and the reporter see: how the report was handled (channel,
    /// agencies, merged codes, final, on site, rating). Never a hash: the first event's content hash
    /// covers the reporter's words, contact and place, and a hash of known few candidates (a phone
    /// number, a photo) is found by trying them. A key not listed here stays with staff.
    /// </summary>
    private static readonly HashSet<string> PublicDataKeys =
        ["channel", "agency", "copies", "from", "to", "primary", "duplicate", "final", "onSite", "rating"];

    /// <summary>
    /// For the public and the reporter, staff are named by their agency or role, never by name:
    /// an officer's name is personal data too. Event data is cut to <see cref="PublicDataKeys"/>.
    /// </summary>
    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(IEnumerable<ComplaintEvent> events, bool forStaff,
        Func<ComplaintEvent, string?> textOf, CancellationToken ct)
    {
        var byId = await agencies.GetAsync(ct);
        return events.OrderBy(e => e.Sequence).Select(e => new TimelineEntry(
            e.Sequence,
            e.At,
            e.Type.ToString(),
            text["Event." + e.Type],
            textOf(e),
            forStaff ? e.ActorName : PublicActor(e, byId),
            AgencyCode(byId, e.ActorAgencyId),
            e.FromStatus?.ToString(),
            e.ToStatus?.ToString(),
            e.Visibility.ToString(),
            forStaff ? StaffData(e.Data) : PublicData(e.Data))).ToList();
    }

    private static JsonElement? StaffData(string? data) => data is null ? null : JsonDocument.Parse(data).RootElement.Clone();

    private static JsonElement? PublicData(string? data)
    {
        if (data is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(data);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var shown = document.RootElement.EnumerateObject().Where(p => PublicDataKeys.Contains(p.Name))
            .ToDictionary(p => p.Name, p => p.Value.Clone());
        return shown.Count == 0 ? null : JsonSerializer.SerializeToElement(shown);
    }

    public async Task<StaffComplaintView> StaffViewAsync(Complaint c, IEnumerable<ComplaintEvent> events, string? mergedInto,
        StaffMember staff, CancellationToken ct)
    {
        var byId = await agencies.GetAsync(ct);
        var showReporter = ComplaintScope.CanSeeReporter(staff, c.Privacy);
        var allowed = ComplaintStateMachine.AllowedIn(c.Status)
            .Where(a => ComplaintPermissions.StaffActions.Contains(a) && ComplaintPermissions.Check(staff, a, c) is null)
            .Select(ComplaintStateMachine.ApiName).ToList();
        return new StaffComplaintView(
            c.TrackingCode, c.Version, c.Status.ToString(), StatusLabel(c.Status), c.Title, c.Text, c.Kind.ToString(),
            c.Privacy.ToString(), c.Priority.ToString(), c.Channel.ToString(), c.IsImported,
            c.Category is null ? null : new CodeName(c.Category.Code, c.Category.Name),
            AgencyOf(byId, c.LeadAgencyId),
            c.Assignments.OrderBy(a => a.AssignedAt)
                .Select(a => (a, agency: AgencyOf(byId, a.AgencyId)))
                .Select(x => new AssignmentView(x.agency?.Code ?? "?", x.agency?.Name ?? "?", x.a.Role.ToString(), x.a.AssignedAt, x.a.EndedAt))
                .ToList(),
            showReporter ? new ReporterView(c.Reporter.Name, c.Reporter.Phone, c.Reporter.Email, c.NamePublished,
                events.LastOrDefault(e => e.Type == ComplaintEventType.ContactErased)?.At) : null,
            !showReporter,
            new LocationView(c.Location.Address, c.Location.Latitude, c.Location.Longitude, c.Location.Kecamatan),
            mergedInto, c.ForwardCount, c.IsFlagged(sla.Value), c.Rating, c.SubmittedAt, c.UpdatedAt, allowed,
            await DeadlinesAsync(c.Clocks, ct),
            await TimelineAsync(events, forStaff: true, e => e.Type == ComplaintEventType.Escalated ? EscalationText(e.Data) : e.Text, ct),
            c.OmbudsmanFlaggedAt, c.TakenOverAt)
        {
            Federation = c.ExternalId is null && c.RemoteId is null
                ? null
                : new FederationLinkView(c.ExternalId, c.RemotePeer, c.RemoteId, c.RemoteUrl),
        };
    }

    /// <summary>An escalation event in words: which step, of which clock.</summary>
    private string? EscalationText(string? data)
    {
        if (data is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(data);
        var root = document.RootElement;
        var step = root.TryGetProperty("step", out var s) ? s.GetString() : null;
        var clock = root.TryGetProperty("clock", out var k) ? text["Clock." + k.GetString()].Value : "";
        return step is null ? null : text["Escalation.Step." + step, clock].Value;
    }

    public static CodeName? AgencyOf(IReadOnlyDictionary<long, AgencyDirectory.Entry> byId, long? id) =>
        id is { } v && byId.TryGetValue(v, out var a) ? new CodeName(a.Code, a.Name) : null;

    private static string? AgencyCode(IReadOnlyDictionary<long, AgencyDirectory.Entry> byId, long? id) =>
        id is { } v && byId.TryGetValue(v, out var a) ? a.Code : null;

    private string PublicActor(ComplaintEvent e, IReadOnlyDictionary<long, AgencyDirectory.Entry> byId) => e.ActorKind switch
    {
        ActorKind.Reporter => text["Actor.Reporter"],
        ActorKind.System => text["Actor.System"],
        _ when e.ActorAgencyId is { } id && byId.TryGetValue(id, out var a) => a.Name,
        _ => text["Actor.Manager"],
    };
}
