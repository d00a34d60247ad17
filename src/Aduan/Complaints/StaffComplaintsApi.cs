using Aduan.Agencies;
using Aduan.Data;
using Aduan.Identity;
using Aduan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Complaints;

/// <summary>The staff side of the JSON API. Every query starts from <see cref="ComplaintScope.VisibleTo"/>.</summary>
public static class StaffComplaintsApi
{
    public static void MapStaffComplaintsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/staff/complaints").WithTags("Staff")
            .RequireAuthorization(AuthSetup.CaseworkPolicy).AddEndpointFilter<RequireStaffMember>();
        group.MapGet("/", StaffComplaintList.ListAsync)
            .WithSummary("Reports in your scope; filters: status, agency, category, channel, overdue, flagged, q; sort; paged.");
        group.MapGet("/{trackingCode}", Get).WithSummary("Full detail of a report in your scope.");
        group.MapPost("/{trackingCode}/transitions", Transition)
            .WithSummary("Take an action: verify (classify and dispatch at once), classify, defer, archive, refer, merge, dispatch, acknowledge, forward, follow-up, reject-follow-up, resolve, reopen.");
    }

    public static async Task<Results<Ok<StaffComplaintView>, ProblemHttpResult>> Get(
        string trackingCode, StaffContext staffContext, AduanDbContext db, ComplaintWorkflow workflow,
        ComplaintPresenter presenter, Problems problems, CancellationToken ct)
    {
        var staff = (await staffContext.GetAsync(ct))!;
        if (!TrackingCode.TryNormalize(trackingCode, out var code))
        {
            return problems.InvalidCode(Validation.Clip(trackingCode));
        }

        var complaint = await db.Complaints.AsNoTracking().VisibleTo(staff)
            .Include(c => c.Category).Include(c => c.Assignments).Include(c => c.Clocks)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.TrackingCode == code, ct);
        return complaint is null
            ? problems.NotFound(code)
            : TypedResults.Ok(await StaffViewAsync(complaint, staff, workflow, presenter, ct));
    }

    public static async Task<Results<Ok<StaffComplaintView>, ProblemHttpResult>> Transition(
        string trackingCode, TransitionRequest request, StaffContext staffContext, ComplaintWorkflow workflow,
        StaffActions actions, ComplaintPresenter presenter, Problems problems, CancellationToken ct)
    {
        var staff = (await staffContext.GetAsync(ct))!;
        var v = new Validation(problems.T);
        if (!TrackingCode.TryNormalize(trackingCode, out var code))
        {
            return problems.InvalidCode(Validation.Clip(trackingCode));
        }

        if (string.IsNullOrWhiteSpace(request.Action) || !TransitionCommands.ByApiName.TryGetValue(request.Action.Trim(), out var action))
        {
            var known = string.Join(", ", TransitionCommands.ByApiName.Keys.Order());
            return problems.Validation("action", request.Action is null ? "Field.Required" : "Field.UnknownAction",
                Validation.Clip(request.Action ?? ""), known);
        }

        var outcome = await actions.TakeAsync(staff, code, action, request, v, ct);
        return outcome.Refusal is null
            ? TypedResults.Ok(await StaffViewAsync(outcome.Complaint!, staff, workflow, presenter, ct))
            : outcome.ToProblem(problems, code, action,
                a => ComplaintPermissions.StaffActions.Contains(a) && (outcome.Complaint is not { } c || ComplaintPermissions.Check(staff, a, c) is null));
    }

    private static async Task<StaffComplaintView> StaffViewAsync(Complaint complaint, StaffMember staff, ComplaintWorkflow workflow,
        ComplaintPresenter presenter, CancellationToken ct)
    {
        var events = await workflow.EventsAsync(complaint.Id, [EventVisibility.Public, EventVisibility.Reporter, EventVisibility.Staff], ct);
        var mergedInto = await workflow.TrackingCodeOfAsync(complaint.MergedIntoId, ct);
        return await presenter.StaffViewAsync(complaint, events, mergedInto, staff, ct);
    }
}
