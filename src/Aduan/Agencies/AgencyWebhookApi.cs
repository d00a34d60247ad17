using Aduan.Complaints;
using Aduan.Data;
using Aduan.Identity;
using Aduan.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
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
        AgencyWebhooks webhooks, AuditTrail audit, StaffContext staff, Problems problems, CancellationToken ct)
    {
        if (await FindAsync(db, code, ct) is not { } agency)
        {
            return UnknownAgency(problems, code);
        }

        var v = new Validation(problems.T);
        var url = v.Text("url", request.Url, 1, 500, required: true);
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
        {
            v.Add("url", "Field.Url");
        }

        var secret = v.Text("secret", request.Secret, 16, 200, required: true);
        if (!v.IsValid)
        {
            return v.ToProblem(problems);
        }

        var me = (await staff.GetAsync(ct))!;
        agency.WebhookUrl = url;
        agency.WebhookSecret = webhooks.Secrets.Protect(secret!);
        audit.Record(me.Name, me.UserId, "agency.webhook.set", agency.Code, new { url });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new WebhookView(agency.Code, url, true));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Remove(string code, AduanDbContext db, AuditTrail audit, StaffContext staff,
        Problems problems, CancellationToken ct)
    {
        if (await FindAsync(db, code, ct) is not { } agency)
        {
            return UnknownAgency(problems, code);
        }

        var me = (await staff.GetAsync(ct))!;
        (agency.WebhookUrl, agency.WebhookSecret) = (null, null);
        audit.Record(me.Name, me.UserId, "agency.webhook.remove", agency.Code);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static Task<Agency?> FindAsync(AduanDbContext db, string code, CancellationToken ct)
    {
        var normalized = code.Trim().ToUpperInvariant();
        return db.Agencies.SingleOrDefaultAsync(a => a.Code == normalized, ct);
    }

    private static ProblemHttpResult UnknownAgency(Problems problems, string code) =>
        problems.Validation("agency", "Field.UnknownAgency", PublicComplaintsApi.Clip(code));
}
