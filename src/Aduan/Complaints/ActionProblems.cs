using Aduan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aduan.Complaints;

/// <summary>The JSON API's one translation of a refused action (staff or reporter) into a problem document.</summary>
public static class ActionProblems
{
    /// <param name="offered">Which actions of the report's state the caller could take instead (listed on a 409).</param>
    public static ProblemHttpResult ToProblem(this ActionOutcome outcome, Problems problems, string code, ComplaintAction action,
        Func<ComplaintAction, bool> offered) => outcome.Refusal switch
    {
        ActionRefusal.NotFound => problems.NotFound(code),
        ActionRefusal.Forbidden => problems.Forbidden(outcome.ReasonKey!, ComplaintStateMachine.ApiName(action)),
        ActionRefusal.NotAllowedNow => InvalidTransition(problems, outcome.Transition!, offered),
        ActionRefusal.Stale when outcome.Complaint is { } seen => problems.Stale(seen.Version),
        ActionRefusal.Stale => problems.Create(StatusCodes.Status409Conflict, "stale", "Problem.Stale.Title", problems.T["Problem.StaleUnknown.Detail"]),
        ActionRefusal.Rule => problems.Create(StatusCodes.Status409Conflict, "rule", "Problem.Rule.Title",
            problems.T[outcome.ReasonKey!, [.. outcome.ReasonArgs]]),
        ActionRefusal.WrongKey => problems.ReporterKey(),
        ActionRefusal.Invalid => outcome.Errors!.ToProblem(problems),
        _ => throw new InvalidOperationException("The action was taken; there is no problem to report."),
    };

    /// <summary>Lists what the caller could do instead (<paramref name="offered"/> filters the state's actions).</summary>
    private static ProblemHttpResult InvalidTransition(Problems problems, InvalidTransitionException e, Func<ComplaintAction, bool> offered)
    {
        var t = problems.T;
        var allowed = ComplaintStateMachine.AllowedIn(e.Status).Where(offered).Select(ComplaintStateMachine.ApiName).ToArray();
        var detail = e.Reason is null
            ? t["Problem.InvalidTransition.Detail", ComplaintStateMachine.ApiName(e.Action), t["Status." + e.Status],
                allowed.Length == 0 ? t["Problem.None"] : string.Join(", ", allowed)]
            : t[e.Reason];
        return problems.Create(StatusCodes.Status409Conflict, "invalid-transition", "Problem.InvalidTransition.Title", detail,
            new Dictionary<string, object?>
            {
                ["currentStatus"] = e.Status.ToString(),
                ["action"] = ComplaintStateMachine.ApiName(e.Action),
                ["allowedActions"] = allowed,
            });
    }
}
