using Aduan.Data;
using Aduan.Identity;
using Aduan.Infrastructure;
using Aduan.Transparency;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Complaints;

/// <summary>The citizen's side: submit, read status by tracking code, and with the reporter key reply and give feedback.</summary>
public static class PublicComplaintsApi
{
    public const string ReporterKeyHeader = "X-Reporter-Key";

    public static void MapPublicComplaintsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/complaints").WithTags("Complaints").AllowAnonymous();
        group.MapPost("/", Submit).RequireRateLimiting(RateLimits.Intake)
            .WithSummary("Submit a report; honours Idempotency-Key.");
        group.MapGet("/{trackingCode}", Get).WithSummary("Status and public timeline; with X-Reporter-Key also the reporter's messages.");
        group.MapPost("/{trackingCode}/replies", Reply).RequireRateLimiting(RateLimits.Intake)
            .WithSummary("The reporter replies (answers a deferral). Needs X-Reporter-Key.");
        group.MapPost("/{trackingCode}/feedback", Feedback).RequireRateLimiting(RateLimits.Intake)
            .WithSummary("The reporter accepts with a rating (resolved) or rejects (reopened). Needs X-Reporter-Key.");
    }

    public static async Task<Results<Created<SubmitComplaintResponse>, ProblemHttpResult>> Submit(
        SubmitComplaintRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ComplaintIntake intake, IntakeWriter writer, StaffContext staffContext, ComplaintPresenter presenter, Problems problems,
        CancellationToken ct)
    {
        var v = new Validation(problems.T);
        if (idempotencyKey is not null && !IsValidIdempotencyKey(idempotencyKey))
        {
            v.Add("Idempotency-Key", "Field.IdempotencyKey");
        }

        var staff = await staffContext.GetAsync(ct);
        var channel = request.Channel ?? (staff?.IsIn(Roles.Operator) == true ? Channel.CallCenter : Channel.Web);
        if (channel != Channel.Web && !(staff?.IsIn(Roles.Operator) == true || staff?.IsIn(Roles.Manager) == true))
        {
            v.Add("channel", "Field.ChannelStaffOnly");
        }

        var input = await intake.ValidateAsync(request, channel, v, ct);
        if (input is null || !v.IsValid)
        {
            return v.ToProblem(problems);
        }

        var actor = staff is null ? Actor.Reporter : new Actor(ActorKind.Staff, staff.UserId, staff.Name, staff.AgencyId);
        var outcome = await writer.SubmitAsync(new IntakeItem(input, actor, idempotencyKey), ct);
        if (outcome.KeyConflict)
        {
            return problems.Create(StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused", "Problem.Idempotency.Title",
                problems.T["Problem.Idempotency.Detail"]);
        }

        var c = outcome.Complaint!;
        var response = new SubmitComplaintResponse(c.TrackingCode, outcome.ReporterKey!, c.Status.ToString(),
            presenter.StatusLabel(c.Status), c.SubmittedAt, await presenter.DeadlinesAsync(c.Clocks, ct));
        return TypedResults.Created($"/api/v1/complaints/{c.TrackingCode}", response);
    }

    public static async Task<Results<Ok<PublicComplaintView>, ProblemHttpResult>> Get(
        string trackingCode, [FromHeader(Name = ReporterKeyHeader)] string? reporterKey,
        ComplaintWorkflow workflow, ComplaintPresenter presenter, Problems problems, CancellationToken ct)
    {
        if (!TrackingCode.TryNormalize(trackingCode, out var code))
        {
            return problems.InvalidCode(Clip(trackingCode));
        }

        var complaint = await workflow.ForPublic().SingleOrDefaultAsync(c => c.TrackingCode == code, ct);
        if (complaint is null)
        {
            return problems.NotFound(code);
        }

        if (reporterKey is not null && !ReporterKey.Matches(reporterKey, complaint.ReporterKeyHash))
        {
            return problems.ReporterKey();
        }

        return TypedResults.Ok(await PublicViewAsync(complaint, reporterKey is not null, workflow, presenter, ct));
    }

    public static async Task<Results<Ok<PublicComplaintView>, ProblemHttpResult>> Reply(
        string trackingCode, ReplyRequest request, [FromHeader(Name = ReporterKeyHeader)] string? reporterKey,
        ComplaintWorkflow workflow, ComplaintPresenter presenter, Problems problems, CancellationToken ct)
    {
        var v = new Validation(problems.T);
        var text = v.Text("text", request.Text, 1, Complaint.MaxTextLength, required: true);
        return v.IsValid
            ? await ActAsReporterAsync(trackingCode, reporterKey, new ReplyCommand(text!), workflow, presenter, problems, ct)
            : v.ToProblem(problems);
    }

    public static async Task<Results<Ok<PublicComplaintView>, ProblemHttpResult>> Feedback(
        string trackingCode, FeedbackRequest request, [FromHeader(Name = ReporterKeyHeader)] string? reporterKey,
        ComplaintWorkflow workflow, ComplaintPresenter presenter, Problems problems, CancellationToken ct)
    {
        var v = new Validation(problems.T);
        var command = FeedbackCommand(request, v);
        if (command is null)
        {
            return v.ToProblem(problems);
        }

        return await ActAsReporterAsync(trackingCode, reporterKey, command, workflow, presenter, problems, ct);
    }

    /// <summary>The reporter's accept (with a rating 1–5) or reject; null with the errors in <paramref name="v"/>. Shared with the tracking page.</summary>
    public static ComplaintCommand? FeedbackCommand(FeedbackRequest request, Validation v)
    {
        var comment = v.Text("comment", request.Comment, 1, 2000, required: false);
        if (request.Accepted is null)
        {
            v.Add("accepted", "Field.Required");
        }
        else if (request.Accepted.Value && request.Rating is not (>= 1 and <= 5))
        {
            v.Add("rating", "Field.Rating");
        }
        else if (request.Rating is { } r && r is < 1 or > 5)
        {
            v.Add("rating", "Field.Rating");
        }

        if (!v.IsValid)
        {
            return null;
        }

        return request.Accepted!.Value ? new AcceptCommand(request.Rating!.Value, comment) : new RejectCommand(comment);
    }

    private static async Task<Results<Ok<PublicComplaintView>, ProblemHttpResult>> ActAsReporterAsync(
        string trackingCode, string? reporterKey, ComplaintCommand command,
        ComplaintWorkflow workflow, ComplaintPresenter presenter, Problems problems, CancellationToken ct)
    {
        if (!TrackingCode.TryNormalize(trackingCode, out var code))
        {
            return problems.InvalidCode(Clip(trackingCode));
        }

        var complaint = await workflow.ForChange().SingleOrDefaultAsync(c => c.TrackingCode == code, ct);
        if (complaint is null)
        {
            return problems.NotFound(code);
        }

        if (!ReporterKey.Matches(reporterKey, complaint.ReporterKeyHash))
        {
            return problems.ReporterKey();
        }

        await workflow.ApplyAsync(complaint, command, Actor.Reporter, ct);
        return TypedResults.Ok(await PublicViewAsync(complaint, asReporter: true, workflow, presenter, ct));
    }

    /// <summary>
    /// Never personal data: no reporter, no officer names; phone numbers, e-mails and NIK typed in
    /// staff texts are masked. The report's own text and the reporter's messages only with the key;
    /// a confidential report shows its timeline without texts.
    /// </summary>
    public static async Task<PublicComplaintView> PublicViewAsync(Complaint c, bool asReporter, ComplaintWorkflow workflow,
        ComplaintPresenter presenter, CancellationToken ct)
    {
        EventVisibility[] visible = asReporter ? [EventVisibility.Public, EventVisibility.Reporter] : [EventVisibility.Public];
        var events = await workflow.EventsAsync(c.Id, visible, ct);
        var showTexts = asReporter || c.Privacy != PrivacyMode.Confidential;
        return new PublicComplaintView(
            c.TrackingCode, c.Status.ToString(), presenter.StatusLabel(c.Status), c.Kind.ToString(),
            c.Category is null ? null : new CodeName(c.Category.Code, c.Category.Name),
            c.LeadAgency is null ? null : new CodeName(c.LeadAgency.Code, c.LeadAgency.Name),
            await workflow.TrackingCodeOfAsync(c.MergedIntoId, ct),
            c.SubmittedAt, c.UpdatedAt,
            asReporter ? c.Title : null,
            asReporter ? c.Text : null,
            await presenter.DeadlinesAsync(c.Clocks, ct),
            await presenter.TimelineAsync(events, forStaff: false, e => !showTexts ? null
                : e.ActorKind == ActorKind.Reporter ? e.Text
                : PersonalDataMask.Apply(e.Text), ct));
    }

    private static bool IsValidIdempotencyKey(string key) =>
        key.Length is >= 1 and <= Data.IdempotencyRecord.MaxKeyLength && key.All(ch => ch is >= '!' and <= '~');

    internal static string Clip(string value) => value.Length > 40 ? value[..40] : value;
}
