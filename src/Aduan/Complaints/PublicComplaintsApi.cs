using Aduan.Identity;
using Aduan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Aduan.Complaints;

/// <summary>The citizen's side: submit, read status by tracking code, and with the reporter key reply and give feedback.</summary>
public static class PublicComplaintsApi
{
    public const string ReporterKeyHeader = "X-Reporter-Key";

    private const string KeyFormat = "X-Reporter-Key is the reporterKey given at submission: 25 characters of the tracking code's "
        + "alphabet (no 0/O, 1/I/L) in five groups, e.g. K7M2Q-XP4RT-9ABCD-EFGHJ-KMNPQ; accepted in any case, with or without hyphens or spaces.";

    public static void MapPublicComplaintsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/complaints").WithTags("Complaints").AllowAnonymous();
        group.MapPost("/", Submit).RequireRateLimiting(RateLimits.Intake)
            .WithSummary("Submit a report; honours Idempotency-Key.");
        group.MapGet("/{trackingCode}", Get).WithSummary("Status and public timeline; with X-Reporter-Key also the reporter's messages.")
            .WithDescription(KeyFormat);
        group.MapPost("/{trackingCode}/replies", Reply).RequireRateLimiting(RateLimits.Intake)
            .WithSummary("The reporter replies (answers a deferral). Needs X-Reporter-Key.").WithDescription(KeyFormat);
        group.MapPost("/{trackingCode}/feedback", Feedback).RequireRateLimiting(RateLimits.Intake)
            .WithSummary("The reporter accepts with a rating (resolved) or rejects (reopened). Needs X-Reporter-Key.").WithDescription(KeyFormat);
    }

    /// <summary>The API as a channel adapter: staff may name another channel (the call center's by default for operators).</summary>
    public static async Task<Results<Created<SubmitComplaintResponse>, ProblemHttpResult>> Submit(
        SubmitComplaintRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ComplaintIntake intake, StaffContext staffContext, ComplaintPresenter presenter, Problems problems, CancellationToken ct)
    {
        var v = new Validation(problems.T);
        var staff = await staffContext.GetAsync(ct);
        var recordsForOthers = staff?.IsIn(Roles.Operator) == true || staff?.IsIn(Roles.Manager) == true;
        var channel = request.Channel ?? (staff?.IsIn(Roles.Operator) == true ? Channel.CallCenter : Channel.Web);
        if (channel != Channel.Web && !recordsForOthers)
        {
            v.Add("channel", "Field.ChannelStaffOnly");
        }

        var outcome = await intake.SubmitAsync(new IntakeRequest(channel, request.Text)
        {
            Title = request.Title, Category = request.Category, Kind = request.Kind, Privacy = request.Privacy,
            Reporter = request.Reporter, Location = request.Location, IdempotencyKey = idempotencyKey, Staff = staff,
            NotifyBy = request.NotifyBy,
        }, v, ct);
        switch (outcome)
        {
            case IntakeOutcome.Stored(var c, var reporterKey, _):
                var response = new SubmitComplaintResponse(c.TrackingCode, reporterKey, c.Status.ToString(),
                    presenter.StatusLabel(c.Status), c.SubmittedAt, await presenter.DeadlinesAsync(c.Clocks, ct));
                return TypedResults.Created($"/api/v1/complaints/{c.TrackingCode}", response);
            case IntakeOutcome.KeyReused:
                return problems.Create(StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused", "Problem.Idempotency.Title",
                    problems.T["Problem.Idempotency.Detail"]);
            default:
                return v.ToProblem(problems);
        }
    }

    /// <summary>
    /// Without the key the view is the one anybody sees, kept in memory and checked against the report on every read
    /// (<see cref="PublicViewCache"/>); with the key, the reporter's own, read afresh. The services a view is built
    /// with are asked for only when it is, since a kept view needs one row.
    /// </summary>
    public static async Task<Results<Ok<PublicComplaintView>, KeptJson, ProblemHttpResult>> Get(
        string trackingCode, [FromHeader(Name = ReporterKeyHeader)] string? reporterKey, PublicViewCache cache, HttpContext http,
        CancellationToken ct)
    {
        var services = http.RequestServices;
        if (!TrackingCode.TryNormalize(trackingCode, out var code))
        {
            return services.GetRequiredService<Problems>().InvalidCode(Validation.Clip(trackingCode));
        }

        if (reporterKey is null)
        {
            var kept = await cache.StatusAsync(code, services, ct);
            return kept is null ? services.GetRequiredService<Problems>().NotFound(code) : new KeptJson(kept.Json);
        }

        var views = services.GetRequiredService<PublicComplaintViews>();
        var problems = services.GetRequiredService<Problems>();
        var complaint = await views.FindAsync(code, ct);
        if (complaint is null)
        {
            return problems.NotFound(code);
        }

        if (!ReporterKey.Matches(reporterKey, complaint.ReporterKeyHash))
        {
            return problems.ReporterKey();
        }

        return TypedResults.Ok(await views.ViewAsync(complaint, asReporter: true, ct));
    }

    public static Task<Results<Ok<PublicComplaintView>, ProblemHttpResult>> Reply(
        string trackingCode, ReplyRequest request, [FromHeader(Name = ReporterKeyHeader)] string? reporterKey,
        ReporterActions actions, PublicComplaintViews views, Problems problems, CancellationToken ct) =>
        AsReporterAsync(trackingCode, ComplaintAction.Reply, (code, v) => actions.ReplyAsync(code, reporterKey, request.Text, v, ct),
            views, problems, ct);

    public static Task<Results<Ok<PublicComplaintView>, ProblemHttpResult>> Feedback(
        string trackingCode, FeedbackRequest request, [FromHeader(Name = ReporterKeyHeader)] string? reporterKey,
        ReporterActions actions, PublicComplaintViews views, Problems problems, CancellationToken ct) =>
        AsReporterAsync(trackingCode, request.Accepted == false ? ComplaintAction.Reject : ComplaintAction.Accept,
            (code, v) => actions.FeedbackAsync(code, reporterKey, request, v, ct), views, problems, ct);

    private static async Task<Results<Ok<PublicComplaintView>, ProblemHttpResult>> AsReporterAsync(string trackingCode,
        ComplaintAction action, Func<string, Validation, Task<ActionOutcome>> act, PublicComplaintViews views, Problems problems,
        CancellationToken ct)
    {
        if (!TrackingCode.TryNormalize(trackingCode, out var code))
        {
            return problems.InvalidCode(Validation.Clip(trackingCode));
        }

        var outcome = await act(code, new Validation(problems.T));
        if (outcome.Refusal is not null)
        {
            return outcome.ToProblem(problems, code, action, a => !ComplaintPermissions.StaffActions.Contains(a));
        }

        // Read back as the status lookup reads it: what was just committed, with every deadline, met or not. (Reports are
        // never deleted and codes never change, so the read finds it; the 404 only keeps the type honest.)
        var complaint = await views.FindAsync(code, ct);
        return complaint is null ? problems.NotFound(code) : TypedResults.Ok(await views.ViewAsync(complaint, asReporter: true, ct));
    }
}
