using Aduan.Agencies;
using Aduan.Categories;

namespace Aduan.Complaints;

/// <summary>A request to change a report, with its references already resolved to entities.</summary>
public abstract record ComplaintCommand(ComplaintAction Action);

public sealed record ClassifyCommand(Category? Category, ComplaintKind? Kind, PrivacyMode? Privacy, Priority? Priority)
    : ComplaintCommand(ComplaintAction.Classify);

public sealed record DeferCommand(string Question) : ComplaintCommand(ComplaintAction.Defer);

public sealed record ArchiveCommand(string Reason) : ComplaintCommand(ComplaintAction.Archive);

public sealed record ReferCommand(string Reason) : ComplaintCommand(ComplaintAction.Refer);

public sealed record MergeCommand(Complaint Primary) : ComplaintCommand(ComplaintAction.Merge);

public sealed record DispatchCommand(Agency Lead, IReadOnlyList<Agency> Copies, string? Note)
    : ComplaintCommand(ComplaintAction.Dispatch);

/// <summary>Classification (when the manager changed any of it) and dispatch as one command: two events, one transaction.</summary>
public sealed record VerifyCommand(ClassifyCommand? Classify, DispatchCommand Dispatch) : ComplaintCommand(ComplaintAction.Verify);

public sealed record AcknowledgeCommand() : ComplaintCommand(ComplaintAction.Acknowledge);

public sealed record ForwardCommand(Agency To, string Reason) : ComplaintCommand(ComplaintAction.Forward);

/// <summary>
/// A follow-up: interim (work goes on) or final (the agency says it is done). <paramref name="OnSite"/>:
/// the field team has arrived, which stops an urgent report's on-site clock. <paramref name="Photos"/>:
/// SHA-256 of the proof-of-work photos stored with it, so the event chain vouches for them.
/// </summary>
public sealed record FollowUpCommand(string Text, bool Final, bool OnSite = false, IReadOnlyList<string>? Photos = null)
    : ComplaintCommand(ComplaintAction.FollowUp);

public sealed record RejectFollowUpCommand(string Reason) : ComplaintCommand(ComplaintAction.RejectFollowUp);

public sealed record ResolveCommand() : ComplaintCommand(ComplaintAction.Resolve);

public sealed record ReopenCommand(string Reason) : ComplaintCommand(ComplaintAction.Reopen);

/// <param name="Data">Structured details for the event (an Open311 client's own update id, for idempotency).</param>
public sealed record ReplyCommand(string Text, string? Data = null) : ComplaintCommand(ComplaintAction.Reply);

public sealed record AcceptCommand(int Rating, string? Comment) : ComplaintCommand(ComplaintAction.Accept);

public sealed record RejectCommand(string? Comment) : ComplaintCommand(ComplaintAction.Reject);
