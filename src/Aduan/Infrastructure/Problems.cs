using Aduan.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Aduan.Infrastructure;

/// <summary>
/// RFC 9457 problems with a stable <c>type</c> (<c>urn:aduan:problem:NAME</c>) and a title and
/// detail in the request's language (Bahasa Indonesia by default, English by Accept-Language).
/// </summary>
public sealed class Problems(IStringLocalizer<SharedResource> text)
{
    public const string TypePrefix = "urn:aduan:problem:";

    public IStringLocalizer<SharedResource> T => text;

    public ProblemHttpResult Create(int status, string name, string titleKey, string detail,
        IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = status,
            Type = TypePrefix + name,
            Title = text[titleKey],
            Detail = detail,
            Extensions = extensions ?? new Dictionary<string, object?>(),
        });

    public ProblemHttpResult NotFound(string code) =>
        Create(StatusCodes.Status404NotFound, "not-found", "Problem.NotFound.Title", text["Problem.NotFound.Detail", code]);

    public ProblemHttpResult InvalidCode(string code) =>
        Create(StatusCodes.Status404NotFound, "not-found", "Problem.NotFound.Title", text["Problem.InvalidCode.Detail", code]);

    public ProblemHttpResult Forbidden(string reasonKey, string action) =>
        Create(StatusCodes.Status403Forbidden, "forbidden", "Problem.Forbidden.Title", text[reasonKey, action]);

    public ProblemHttpResult Stale(int currentVersion) =>
        Create(StatusCodes.Status409Conflict, "stale", "Problem.Stale.Title", text["Problem.Stale.Detail", currentVersion],
            new Dictionary<string, object?> { ["currentVersion"] = currentVersion });

    public ProblemHttpResult ReporterKey() =>
        Create(StatusCodes.Status403Forbidden, "reporter-key", "Problem.ReporterKey.Title", text["Problem.ReporterKey.Detail"]);

    public ProblemHttpResult Validation(string field, string messageKey, params object[] args) =>
        Validation(new Dictionary<string, string[]> { [field] = [text[messageKey, args]] });

    public ProblemHttpResult Validation(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Type = TypePrefix + "validation",
            Title = text["Problem.Validation.Title"],
            Detail = text["Problem.Validation.Detail"],
        });
}
