using System.Diagnostics;
using System.Text.Json;
using Aduan.Complaints;
using Aduan.Resources;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aduan.Infrastructure;

/// <summary>
/// Turns every exception into a ProblemDetails a person can act on; never a stack trace. Domain
/// refusals (illegal transition, broken rule, stale write) are thrown before anything is saved,
/// so the response can say truthfully that nothing changed.
/// </summary>
public sealed class ErrorHandling(ILogger<ErrorHandling> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var context = httpContext;
        var problems = context.RequestServices.GetRequiredService<Problems>();
        var result = Map(problems, exception, context);
        if (result is null)
        {
            // Only the exception type and trace id: report data must not reach the logs.
            logger.LogError("Unhandled {ExceptionType} on {Method} {Route} (trace {TraceId})", exception.GetType().Name,
                context.Request.Method, context.GetEndpoint()?.DisplayName, Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier);
            var trace = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
            result = problems.Create(StatusCodes.Status500InternalServerError, "server", "Problem.Server.Title",
                problems.T["Problem.Server.Detail", trace]);
        }

        await result.ExecuteAsync(context);
        return true;
    }

    private static ProblemHttpResult? Map(Problems problems, Exception exception, HttpContext context)
    {
        var t = problems.T;
        switch (exception)
        {
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                return TooLarge(problems, context);
            case BadHttpRequestException { InnerException: JsonException } bad:
                return problems.Create(StatusCodes.Status400BadRequest, "bad-request", "Problem.BadRequest.Title",
                    t["Problem.BadRequest.Detail", JsonHint(bad.InnerException)]);
            case BadHttpRequestException bad:
                return problems.Create(StatusCodes.Status400BadRequest, "bad-request", "Problem.BadRequest.Title",
                    t["Problem.BadParameter.Detail", bad.Message]);
            case InvalidTransitionException e:
                // A race (the state moved after the endpoint looked): list by audience, not by the caller's role.
                var forStaff = context.Request.Path.StartsWithSegments("/api/v1/staff");
                return InvalidTransition(problems, e, a => Identity.ComplaintPermissions.StaffActions.Contains(a) == forStaff);
            case ComplaintRuleException e:
                return problems.Create(StatusCodes.Status409Conflict, "rule", "Problem.Rule.Title",
                    t[e.MessageKey, [.. e.Args]]);
            case DbUpdateConcurrencyException:
                return problems.Create(StatusCodes.Status409Conflict, "stale", "Problem.Stale.Title",
                    t["Problem.StaleUnknown.Detail"]);
            default:
                return null;
        }
    }

    public static ProblemHttpResult TooLarge(Problems problems, HttpContext context)
    {
        var limit = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AduanOptions>>().Value.MaxJsonBodyBytes;
        return problems.Create(StatusCodes.Status413PayloadTooLarge, "too-large", "Problem.TooLarge.Title",
            problems.T["Problem.TooLarge.Detail", limit]);
    }

    /// <summary>Lists what the caller could do instead (<paramref name="offered"/> filters the state's actions).</summary>
    public static ProblemHttpResult InvalidTransition(Problems problems, InvalidTransitionException e, Func<ComplaintAction, bool> offered)
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

    /// <summary>Where in the body, and our own explanation when there is one; never the framework's type names.</summary>
    private static string JsonHint(Exception? inner) => inner switch
    {
        JsonException { Path: { } path, InnerException: null } e when e.Message.StartsWith("Use one of", StringComparison.Ordinal) => $"({path}: {e.Message})",
        JsonException { Path: { } path } => $"({path})",
        _ => "",
    };
}
