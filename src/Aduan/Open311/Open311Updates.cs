using System.Text.Json;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Infrastructure;
using Aduan.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aduan.Open311;

/// <summary>
/// <c>POST servicerequestupdates</c>: what an external key may add to a report. A key speaks for the
/// citizens who reported through it, so it may add their messages to the reports it submitted
/// itself, as the reporter's own replies (staff and the reporter read them; never published). It
/// never changes a report's state: a <c>status</c> it asks for is kept with the message for staff,
/// who decide. Idempotent by the client's <c>update_id</c>: a resent update answers the first id.
/// </summary>
public sealed class Open311Updates(AduanDbContext db, ComplaintWorkflow workflow, Federation.FederationInbox inbox,
    Microsoft.Extensions.Options.IOptions<Federation.FederationOptions> federation, IStringLocalizer<SharedResource> t)
{
    public const int MaxUpdateIdLength = 64;

    public sealed record Outcome(string? UpdateId, Open311Error? Error);

    private sealed record Source(
        [property: System.Text.Json.Serialization.JsonPropertyName("open311")] string Key,
        [property: System.Text.Json.Serialization.JsonPropertyName("updateId")] string UpdateId,
        [property: System.Text.Json.Serialization.JsonPropertyName("status")] string? RequestedStatus);

    public async Task<Outcome> AddAsync(Open311Form form, ApiKey key, CancellationToken ct)
    {
        var requestId = form["service_request_id"];
        var updateId = form["update_id"];
        if (updateId is null)
        {
            return Fail(400, "Open311.Error.UpdateIdMissing");
        }

        if (updateId.Length > MaxUpdateIdLength)
        {
            return Fail(400, "Open311.Error.UpdateIdLength", MaxUpdateIdLength);
        }

        if (requestId is null || !TrackingCode.TryNormalize(requestId, out var code))
        {
            return Fail(404, "Open311.Error.RequestNotFound", Validation.Clip(requestId ?? ""));
        }

        var complaint = await workflow.ForChange().SingleOrDefaultAsync(c => c.TrackingCode == code, ct);
        if (complaint is null)
        {
            return Fail(404, "Open311.Error.RequestNotFound", code);
        }

        if (key.Federation && federation.Value.Members.FirstOrDefault(m => m.KeyName == key.Name) is { } member
            && complaint.RemotePeer == member.Name)
        {
            return await FromMemberAsync(member.Name, complaint, form, updateId, ct);
        }

        if (!await db.ComplaintEvents.AnyAsync(e => e.ComplaintId == complaint.Id && e.Sequence == 1 && e.ActorUserId == key.ActorId, ct))
        {
            return Fail(403, "Open311.Error.NotOwnRequest");
        }

        var status = form["status"]?.ToUpperInvariant();
        var data = JsonSerializer.Serialize(new Source(key.ActorId, updateId, status));
        var earlier = await db.ComplaintEvents.AsNoTracking()
            .Where(e => e.ComplaintId == complaint.Id && e.Type == ComplaintEventType.ReporterReplied && e.Data == data)
            .Select(e => (int?)e.Sequence).FirstOrDefaultAsync(ct);
        if (earlier is { } sequence)
        {
            return new Outcome(Open311Mapping.UpdateId(code, sequence), null);
        }

        var v = new Validation(t);
        var text = v.Text("description", form["description"], 1, Complaint.MaxTextLength, required: true);
        if (text is null)
        {
            return new Outcome(null, new(400, "description: " + string.Join(" ", v.Errors.Values.SelectMany(m => m))));
        }

        var outcome = await workflow.TryApplyAsync(complaint, new ReplyCommand(text, data),
            new Actor(ActorKind.Reporter, key.ActorId, key.ActorName), ct);
        return outcome.Refusal switch
        {
            null => new Outcome(Open311Mapping.UpdateId(code, outcome.Complaint!.EventCount), null),
            ActionRefusal.Stale => Fail(409, "Open311.Error.Stale", code),
            _ => Fail(400, "Open311.Error.Closed", code),
        };
    }

    /// <summary>A member's update of a report the hub dispatched to it: it may move the report's state (<see cref="Federation.FederationInbox"/>).</summary>
    private async Task<Outcome> FromMemberAsync(string member, Complaint complaint, Open311Form form, string updateId, CancellationToken ct)
    {
        var status = Open311Mapping.StatusFrom(form["status"], form["external_status_code"]);
        var result = await inbox.ApplyAsync(member, complaint, updateId, status, form["description"], ct);
        return result == Federation.FederationInbox.Result.Stale
            ? Fail(409, "Open311.Error.Stale", complaint.TrackingCode)
            : new Outcome(Open311Mapping.UpdateId(complaint.TrackingCode, complaint.EventCount), null);
    }

    private Outcome Fail(int status, string key, params object[] args) => new(null, new(status, t[key, args]));
}
