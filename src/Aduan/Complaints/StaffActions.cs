using Aduan.Attachments;
using Aduan.Identity;
using Aduan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Complaints;

/// <summary>Why a staff action was not taken; null when it was.</summary>
public enum ActionRefusal
{
    NotFound,
    Forbidden,
    NotAllowedNow,
    Stale,
    Invalid,
}

/// <summary>The result of a staff action: the changed report, or why nothing changed.</summary>
public sealed record ActionOutcome(Complaint? Complaint, ActionRefusal? Refusal, string? ReasonKey = null,
    InvalidTransitionException? Transition = null)
{
    public static ActionOutcome Refused(ActionRefusal refusal, string? reasonKey = null) => new(null, refusal, reasonKey);
}

/// <summary>
/// One staff action on one report, the same for the JSON API and the workspace pages: scope
/// (an out-of-scope report does not exist), role, state, the version the user saw, then the
/// command. Rule refusals and concurrent changes still surface as the workflow's exceptions.
/// </summary>
public sealed class StaffActions(ComplaintWorkflow workflow, TransitionCommands commands)
{
    public async Task<ActionOutcome> TakeAsync(StaffMember staff, string code, ComplaintAction action, TransitionRequest request,
        Validation v, CancellationToken ct, IReadOnlyList<StoredImage>? photos = null)
    {
        var complaint = await workflow.ForChange().VisibleTo(staff).SingleOrDefaultAsync(c => c.TrackingCode == code, ct);
        if (complaint is null)
        {
            return ActionOutcome.Refused(ActionRefusal.NotFound);
        }

        if (ComplaintPermissions.Check(staff, action, complaint) is { } reason)
        {
            return ActionOutcome.Refused(ActionRefusal.Forbidden, reason);
        }

        if (!ComplaintStateMachine.IsAllowed(complaint.Status, action))
        {
            return new ActionOutcome(complaint, ActionRefusal.NotAllowedNow, Transition: new InvalidTransitionException(complaint.Status, action));
        }

        if (request.Version is { } expected && expected != complaint.Version)
        {
            return new ActionOutcome(complaint, ActionRefusal.Stale);
        }

        var command = await commands.BuildAsync(action, request, complaint, v, ct);
        if (command is null || !v.IsValid)
        {
            return ActionOutcome.Refused(ActionRefusal.Invalid);
        }

        if (command is FollowUpCommand followUp && photos is { Count: > 0 })
        {
            command = followUp with { Photos = photos.Select(p => p.Sha256).ToList() };
        }

        await workflow.ApplyAsync(complaint, command, new Actor(ActorKind.Staff, staff.UserId, staff.Name, staff.AgencyId), ct, photos);
        return new ActionOutcome(complaint, null);
    }

    /// <summary>Who made the last change a user did not see (for "changed by X, reload").</summary>
    public Task<string?> LastChangedByAsync(long complaintId, CancellationToken ct) => workflow.LastActorAsync(complaintId, ct);
}
