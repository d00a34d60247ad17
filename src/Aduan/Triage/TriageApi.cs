using Aduan.Complaints;
using Aduan.Data;
using Aduan.Identity;
using Aduan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Triage;

/// <summary>What the desk shows beside a report, for API clients: the suggestion and the likely duplicates.</summary>
public sealed record TriageView(TriageSuggestion Suggestion, IReadOnlyList<DuplicateCandidate> Duplicates);

public static class TriageApi
{
    public static IEndpointRouteBuilder MapTriage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/staff/complaints/{trackingCode}/triage", GetAsync).WithTags("Staff")
            .RequireAuthorization(AuthSetup.CaseworkPolicy).AddEndpointFilter<RequireStaffMember>()
            .WithSummary("Managers: the suggested category and lead agency (top three, with confidence), the emergency words, and the likely duplicates.");
        return app;
    }

    public static async Task<Results<Ok<TriageView>, ProblemHttpResult>> GetAsync(string trackingCode, StaffContext staffContext,
        AduanDbContext db, TriageSuggestions suggestions, SimilarReports similar, Problems problems, CancellationToken ct)
    {
        var staff = (await staffContext.GetAsync(ct))!;
        if (!TrackingCode.TryNormalize(trackingCode, out var code))
        {
            return problems.InvalidCode(Validation.Clip(trackingCode));
        }

        if (!staff.IsIn(Roles.Manager))
        {
            return problems.Forbidden("Problem.Forbidden.Detail", "triage");
        }

        var complaint = await db.Complaints.AsNoTracking().VisibleTo(staff).SingleOrDefaultAsync(c => c.TrackingCode == code, ct);
        return complaint is null
            ? problems.NotFound(code)
            : TypedResults.Ok(new TriageView(await suggestions.SuggestAsync(complaint.Title, complaint.Text, complaint.Location.Kecamatan, complaint.Channel, ct),
                await similar.LikelyDuplicatesAsync(complaint, ct)));
    }
}
