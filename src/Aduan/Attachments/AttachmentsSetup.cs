using Aduan.Data;
using Aduan.Identity;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Attachments;

public static class AttachmentsSetup
{
    /// <summary>Photo uploads: checked by content, re-encoded, limited by <see cref="AttachmentOptions"/>.</summary>
    public static IServiceCollection AddAttachments(this IServiceCollection services)
    {
        services.AddOptions<AttachmentOptions>().BindConfiguration(AttachmentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PhotoDecodeGate>();
        services.AddScoped<ImageUploads>();
        return services;
    }

    /// <summary>
    /// <c>/staff/attachments/{photo}</c>: a report's photo for staff, by its random public id; the
    /// public's are in Transparency. The staff pages' policy also enforces the second factor.
    /// </summary>
    public static IEndpointRouteBuilder MapAttachments(this IEndpointRouteBuilder app)
    {
        app.MapGet("/staff/attachments/{photo}", StaffPhotoAsync).RequireAuthorization(AuthSetup.PagesPolicy).ExcludeFromDescription();
        return app;
    }

    /// <summary>A report's photo for staff who may see the report (others get 404, as for the report itself).</summary>
    private static async Task<IResult> StaffPhotoAsync(string photo, StaffContext staffContext, AduanDbContext db, CancellationToken ct)
    {
        if (await staffContext.GetAsync(ct) is not { } staff)
        {
            return TypedResults.Unauthorized();
        }

        if (!Attachment.IsPublicId(photo))
        {
            return TypedResults.NotFound();
        }

        var found = await db.Attachments.AsNoTracking()
            .Where(a => a.PublicId == photo && db.Complaints.VisibleTo(staff).Any(c => c.Id == a.ComplaintId))
            .Select(a => new { a.Content, a.ContentType, a.Sha256 }).SingleOrDefaultAsync(ct);
        return found is null
            ? TypedResults.NotFound()
            : TypedResults.File(found.Content, found.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{found.Sha256}\""));
    }
}
