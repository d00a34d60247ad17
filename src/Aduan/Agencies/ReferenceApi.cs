using Aduan.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Agencies;

public sealed record AgencyView(string Code, string Name, string ShortName, string Kind, bool HasUrc);

public sealed record CategoryView(string Code, string Name, string? DefaultAgency, string Tier, bool UrgentPossible, bool Emergency = false);

/// <summary>The lists a client needs to fill in a report or a dispatch: agencies and categories.</summary>
public static class ReferenceApi
{
    public static void MapReferenceApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Reference").AllowAnonymous();
        group.MapGet("/agencies", async Task<Ok<List<AgencyView>>> (AduanDbContext db, CancellationToken ct) =>
            TypedResults.Ok(await db.Agencies.AsNoTracking().Where(a => a.IsActive).OrderBy(a => a.Code)
                .Select(a => new AgencyView(a.Code, a.Name, a.ShortName, a.Kind, a.HasUrc)).ToListAsync(ct)));
        group.MapGet("/categories", async Task<Ok<List<CategoryView>>> (AduanDbContext db, CancellationToken ct) =>
            TypedResults.Ok((await db.Categories.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.Code)
                .Select(c => new { c.Code, c.Name, Agency = c.DefaultAgency!.Code, c.Tier, c.UrgentPossible, c.IsEmergency }).ToListAsync(ct))
                .Select(c => new CategoryView(c.Code, c.Name, c.Agency, c.Tier.ToString(), c.UrgentPossible, c.IsEmergency)).ToList()));
    }
}
