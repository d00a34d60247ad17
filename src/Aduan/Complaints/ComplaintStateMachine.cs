namespace Aduan.Complaints;

/// <summary>Every action that can be taken on a report, by staff or by the reporter.</summary>
public enum ComplaintAction
{
    Classify,
    Defer,
    Archive,
    Refer,
    Merge,
    Dispatch,

    /// <summary>The desk's one step: the classification as the manager set it, then the dispatch, in one transaction.</summary>
    Verify,
    Acknowledge,
    Forward,
    FollowUp,
    RejectFollowUp,
    Resolve,
    Reopen,
    Reply,
    Accept,
    Reject,
}

/// <summary>
/// The one table of which action is allowed in which state (DESIGN.md "The report lifecycle").
/// <see cref="Complaint.Handle"/> consults it before any change, so no caller can skip it.
/// </summary>
public static class ComplaintStateMachine
{
    private static readonly Dictionary<ComplaintStatus, ComplaintAction[]> Allowed = new()
    {
        [ComplaintStatus.Submitted] =
        [
            ComplaintAction.Classify, ComplaintAction.Defer, ComplaintAction.Archive, ComplaintAction.Refer,
            ComplaintAction.Merge, ComplaintAction.Dispatch, ComplaintAction.Verify, ComplaintAction.Reply,
        ],
        [ComplaintStatus.Deferred] = [ComplaintAction.Classify, ComplaintAction.Archive, ComplaintAction.Reply],
        [ComplaintStatus.Archived] = [ComplaintAction.Reopen],
        [ComplaintStatus.Referred] = [],
        [ComplaintStatus.Merged] = [],
        [ComplaintStatus.Dispatched] =
        [
            ComplaintAction.Classify, ComplaintAction.Acknowledge, ComplaintAction.Forward, ComplaintAction.FollowUp,
            ComplaintAction.Reply,
        ],
        [ComplaintStatus.InProgress] =
            [ComplaintAction.Classify, ComplaintAction.Forward, ComplaintAction.FollowUp, ComplaintAction.Reply],
        [ComplaintStatus.FollowedUp] =
        [
            ComplaintAction.Classify, ComplaintAction.RejectFollowUp, ComplaintAction.Resolve, ComplaintAction.Accept,
            ComplaintAction.Reject, ComplaintAction.Reply,
        ],
        [ComplaintStatus.Resolved] = [ComplaintAction.Reopen, ComplaintAction.Reject],
    };

    public static IReadOnlyList<ComplaintAction> AllowedIn(ComplaintStatus status) => Allowed[status];

    public static bool IsAllowed(ComplaintStatus status, ComplaintAction action) => Allowed[status].Contains(action);

    /// <summary>Reports in these states take no more work; they leave every agency queue.</summary>
    public static bool IsClosed(ComplaintStatus status) =>
        status is ComplaintStatus.Archived or ComplaintStatus.Referred or ComplaintStatus.Merged or ComplaintStatus.Resolved;

    /// <summary>The action's name in the API, e.g. <c>reject-follow-up</c>.</summary>
    public static string ApiName(ComplaintAction action) => action switch
    {
        ComplaintAction.FollowUp => "follow-up",
        ComplaintAction.RejectFollowUp => "reject-follow-up",
        _ => action.ToString().ToLowerInvariant(),
    };
}

/// <summary>Thrown when an action is not allowed in the report's current state; nothing has changed.</summary>
public sealed class InvalidTransitionException(ComplaintStatus status, ComplaintAction action, string? reason = null)
    : InvalidOperationException($"Action {action} is not allowed in state {status}.")
{
    public ComplaintStatus Status { get; } = status;
    public ComplaintAction Action { get; } = action;

    /// <summary>A resource key for a more specific reason (e.g. the reopen window has closed).</summary>
    public string? Reason { get; } = reason;
}
