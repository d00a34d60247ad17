using Aduan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Complaints;

/// <summary>
/// What a reporter may do with the key given at intake: reply, accept with a rating, reject
/// (reopen). The same for the JSON API, <c>/lacak</c> and later SMS; the key is checked here.
/// </summary>
public sealed class ReporterActions(ComplaintWorkflow workflow)
{
    /// <summary>A message to staff (answers a deferral, or adds to an open report).</summary>
    public Task<ActionOutcome> ReplyAsync(string code, string? reporterKey, string? text, Validation v, CancellationToken ct)
    {
        var valid = v.Text("text", text, 1, Complaint.MaxTextLength, required: true);
        return ActAsync(code, reporterKey, valid is null ? null : new ReplyCommand(valid), v, ct);
    }

    /// <summary>Accept with a rating 1–5 (resolved) or reject (reopened), with an optional comment.</summary>
    public Task<ActionOutcome> FeedbackAsync(string code, string? reporterKey, FeedbackRequest request, Validation v, CancellationToken ct) =>
        ActAsync(code, reporterKey, FeedbackCommand(request, v), v, ct);

    private static ComplaintCommand? FeedbackCommand(FeedbackRequest request, Validation v)
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

    /// <param name="code">A normalized tracking code.</param>
    private async Task<ActionOutcome> ActAsync(string code, string? reporterKey, ComplaintCommand? command, Validation v, CancellationToken ct)
    {
        if (command is null || !v.IsValid)
        {
            return ActionOutcome.Invalid(v);
        }

        var complaint = await workflow.ForChange().SingleOrDefaultAsync(c => c.TrackingCode == code, ct);
        if (complaint is null)
        {
            return ActionOutcome.Refused(ActionRefusal.NotFound);
        }

        return ReporterKey.Matches(reporterKey, complaint.ReporterKeyHash)
            ? await workflow.TryApplyAsync(complaint, command, Actor.Reporter, ct)
            : ActionOutcome.Refused(ActionRefusal.WrongKey);
    }
}
