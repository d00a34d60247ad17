using Aduan.Complaints;
using Aduan.Data;
using Aduan.Identity;
using Aduan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Agencies;

public sealed record WebhookRequest(string? Url, string? Secret);

public sealed record WebhookView(string Agency, string? Url, bool Configured);

/// <summary>Admins connect an agency's website: where its follow-ups are POSTed, and the secret that signs them.</summary>
public static class AgencyWebhookApi
{
    public static void MapAgencyWebhookApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapAdminGroup("/api/v1/admin/agencies/{code}/webhook");
        group.MapGet("/", Get).WithSummary("The agency's webhook address (the secret is never shown).");
        group.MapPut("/", Set).WithSummary("Set { url, secret }: follow-ups are POSTed there, signed with HMAC-SHA256.");
        group.MapDelete("/", Remove).WithSummary("Stop sending follow-ups to the agency's website.");
    }

    public static async Task<Results<Ok<WebhookView>, ProblemHttpResult>> Get(string code, AduanDbContext db, Problems problems, CancellationToken ct) =>
        await FindAsync(db, code, ct) is { } agency
            ? TypedResults.Ok(new WebhookView(agency.Code, agency.WebhookUrl, agency.WebhookUrl is not null))
            : UnknownAgency(problems, code);

    public static async Task<Results<Ok<WebhookView>, ProblemHttpResult>> Set(string code, WebhookRequest request, AduanDbContext db,
        AgencyWebhookSettings settings, StaffContext staff, Problems problems, CancellationToken ct)
    {
        if (await FindAsync(db, code, ct) is not { } agency)
        {
            return UnknownAgency(problems, code);
        }

        var v = new Validation(problems.T);
        var (url, secret) = await settings.CheckAsync(v, request.Url, request.Secret, ct);
        if (!v.IsValid)
        {
            return v.ToProblem(problems);
        }

        var me = (await staff.GetAsync(ct))!;
        settings.Set(agency, url!, secret!, me.Name, me.UserId);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new WebhookView(agency.Code, url, true));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Remove(string code, AduanDbContext db, AgencyWebhookSettings settings,
        StaffContext staff, Problems problems, CancellationToken ct)
    {
        if (await FindAsync(db, code, ct) is not { } agency)
        {
            return UnknownAgency(problems, code);
        }

        var me = (await staff.GetAsync(ct))!;
        settings.Remove(agency, me.Name, me.UserId);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static Task<Agency?> FindAsync(AduanDbContext db, string code, CancellationToken ct)
    {
        var normalized = code.Trim().ToUpperInvariant();
        return db.Agencies.SingleOrDefaultAsync(a => a.Code == normalized, ct);
    }

    private static ProblemHttpResult UnknownAgency(Problems problems, string code) =>
        problems.Validation("agency", "Field.UnknownAgency", Validation.Clip(code));
}
