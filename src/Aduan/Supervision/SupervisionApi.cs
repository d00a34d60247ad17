using Aduan.Identity;
using Aduan.Infrastructure;
using Aduan.Statistics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aduan.Supervision;

/// <summary>
/// <c>GET /api/v1/staff/dashboard?from=&amp;to=</c>: the dashboard's figures as JSON, for leadership and
/// the manager (the city) and agency heads (their agency), as <c>/staff/dasbor</c> shows them.
/// </summary>
public static class SupervisionApi
{
    public static IEndpointRouteBuilder MapSupervision(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/staff/dashboard").WithTags("Staff")
            .RequireAuthorization(AuthSetup.StaffPolicy).AddEndpointFilter<RequireStaffMember>()
            .MapGet("/", SummaryAsync)
            .WithSummary("The leadership dashboard's figures for a period of WIB dates (both included); agency heads get their agency's.");
        return app;
    }

    private static async Task<Results<Ok<SupervisionSummary>, ProblemHttpResult>> SummaryAsync(string? from, string? to,
        StaffContext staffContext, SupervisionQueries queries, Problems problems, CancellationToken ct)
    {
        if (SupervisionScope.For((await staffContext.GetAsync(ct))!) is not { } scope)
        {
            return problems.Create(StatusCodes.Status403Forbidden, "forbidden", "Problem.Forbidden.Title", problems.T["Dash.Forbidden"]);
        }

        return Period.Parse(from, to, out var error) is { } period
            ? TypedResults.Ok(await queries.SummaryAsync(scope, period, ct))
            : problems.Validation("from", error!);
    }
}
