using Aduan.Infrastructure;

namespace Aduan.Complaints;

/// <summary>Why an action on a report was not taken.</summary>
public enum ActionRefusal
{
    /// <summary>No such report, or one outside the caller's scope (the same answer: scope is not revealed).</summary>
    NotFound,

    /// <summary>The caller's role may not take this action on this report (<see cref="ActionOutcome.ReasonKey"/> says why).</summary>
    Forbidden,

    /// <summary>The report's state does not allow the action (<see cref="ActionOutcome.Transition"/>).</summary>
    NotAllowedNow,

    /// <summary>The report changed since the caller read it.</summary>
    Stale,

    /// <summary>The request's fields are wrong (<see cref="ActionOutcome.Errors"/>).</summary>
    Invalid,

    /// <summary>A rule of the report refused it (<see cref="ActionOutcome.ReasonKey"/> with <see cref="ActionOutcome.ReasonArgs"/>).</summary>
    Rule,

    /// <summary>The reporter key does not match.</summary>
    WrongKey,
}

/// <summary>
/// The result of any action on a report, by staff or by the reporter: the changed report, or why
/// nothing changed. The JSON API turns it into a problem document (<see cref="ActionProblems"/>), the
/// pages into form messages; nothing was saved when <see cref="Refusal"/> is set.
/// </summary>
public sealed record ActionOutcome(Complaint? Complaint, ActionRefusal? Refusal = null)
{
    public string? ReasonKey { get; init; }
    public IReadOnlyList<object> ReasonArgs { get; init; } = [];
    public InvalidTransitionException? Transition { get; init; }
    public Validation? Errors { get; init; }

    public static ActionOutcome Done(Complaint complaint) => new(complaint);

    public static ActionOutcome Refused(ActionRefusal refusal, Complaint? complaint = null) => new(complaint, refusal);

    public static ActionOutcome Invalid(Validation errors) => new(null, ActionRefusal.Invalid) { Errors = errors };
}
