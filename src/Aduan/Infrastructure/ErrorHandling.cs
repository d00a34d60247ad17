using System.Diagnostics;
using System.Text.Json;
using Aduan.Resources;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Aduan.Infrastructure;

/// <summary>
/// Turns every exception into a ProblemDetails a person can act on; never a stack trace. The
/// report's own refusals never get here: they are <see cref="Complaints.ActionOutcome"/>s, answered by
/// <see cref="Complaints.ActionProblems"/>.
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

        // Open311 clients parse the spec's own error list, not a problem document.
        if (Open311.Open311Api.Owns(context.Request.Path))
        {
            await Open311.Open311Result.Error(Open311.Open311Result.FormatOf(context.Request.Path) ?? Open311.Open311Format.Xml,
                new Open311.Open311Error(result.StatusCode, result.ProblemDetails.Detail ?? "")).ExecuteAsync(context);
            return true;
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
            case Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException:
                // A concurrent change anywhere else (a report's are outcomes): nothing was saved.
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

    /// <summary>Where in the body, and our own explanation when there is one; never the framework's type names.</summary>
    private static string JsonHint(Exception? inner) => inner switch
    {
        JsonException { Path: { } path, InnerException: null } e when e.Message.StartsWith("Use one of", StringComparison.Ordinal) => $"({path}: {e.Message})",
        JsonException { Path: { } path } => $"({path})",
        _ => "",
    };
}
