using Aduan.Attachments;
using Aduan.Identity;
using Aduan.Infrastructure;
using Aduan.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Complaints;

/// <summary>
/// Reads and re-encodes a follow-up's uploaded photos; null when one was refused, or when none came
/// and <paramref name="required"/> (the reader reported why, beside its own field).
/// </summary>
public delegate Task<IReadOnlyList<StoredImage>?> PhotoReader(bool required, CancellationToken ct);

/// <summary>
/// One staff action on one report, the same for the JSON API and the workspace pages: scope
/// (an out-of-scope report does not exist), role, state, the version the user saw, then the
/// command; every refusal, also a rule of the report or a concurrent change, is an <see cref="ActionOutcome"/>.
/// Uploaded photos are read last, once everything else allowed the action: decoding them is the
/// expensive part, and a user who may not act must not get that far.
/// </summary>
public sealed class StaffActions(ComplaintWorkflow workflow, TransitionCommands commands, IOptions<SlaOptions> sla)
{
    public async Task<ActionOutcome> TakeAsync(StaffMember staff, string code, ComplaintAction action, TransitionRequest request,
        Validation v, CancellationToken ct, PhotoReader? readPhotos = null)
    {
        var complaint = await workflow.ForChange().VisibleTo(staff).SingleOrDefaultAsync(c => c.TrackingCode == code, ct);
        if (complaint is null)
        {
            return ActionOutcome.Refused(ActionRefusal.NotFound);
        }

        if (ComplaintPermissions.Check(staff, action, complaint) is { } reason)
        {
            return ActionOutcome.Refused(ActionRefusal.Forbidden, complaint) with { ReasonKey = reason };
        }

        if (!ComplaintStateMachine.IsAllowed(complaint.Status, action))
        {
            return ActionOutcome.Refused(ActionRefusal.NotAllowedNow, complaint) with { Transition = new InvalidTransitionException(complaint.Status, action) };
        }

        if (request.Version is { } expected && expected != complaint.Version)
        {
            return ActionOutcome.Refused(ActionRefusal.Stale, complaint);
        }

        var command = await commands.BuildAsync(action, request, complaint, v, ct);
        if (command is null || !v.IsValid)
        {
            return ActionOutcome.Invalid(v);
        }

        // Proof of an urgent task done, where the form can carry it (the JSON API takes no photos).
        var proofRequired = sla.Value.UrgentProofPhoto && command is FollowUpCommand { Final: true } && complaint.Priority == Priority.Urgent;
        var photos = command is FollowUpCommand && readPhotos is not null ? await readPhotos(proofRequired, ct) : [];
        if (photos is null)
        {
            return ActionOutcome.Invalid(v);
        }

        if (command is FollowUpCommand followUp && photos.Count > 0)
        {
            command = followUp with { Photos = photos.Select(p => p.Sha256).ToList() };
        }

        return await workflow.TryApplyAsync(complaint, command, new Actor(ActorKind.Staff, staff.UserId, staff.Name, staff.AgencyId), ct, photos);
    }

    /// <summary>Who made the last change a user did not see (for "changed by X, reload").</summary>
    public Task<string?> LastChangedByAsync(long complaintId, CancellationToken ct) => workflow.LastActorAsync(complaintId, ct);
}
