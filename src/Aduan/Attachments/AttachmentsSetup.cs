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

    /// <summary><c>/staff/attachments/{id}</c>: a report's photo for staff; the public's are in Transparency.</summary>
    public static IEndpointRouteBuilder MapAttachments(this IEndpointRouteBuilder app)
    {
        app.MapGet("/staff/attachments/{id:long}", StaffPhotoAsync).RequireAuthorization(AuthSetup.PagesPolicy).ExcludeFromDescription();
        return app;
    }

    /// <summary>A report's photo for staff who may see the report (others get 404, as for the report itself).</summary>
    private static async Task<IResult> StaffPhotoAsync(long id, StaffContext staffContext, AduanDbContext db, CancellationToken ct)
    {
        if (await staffContext.GetAsync(ct) is not { } staff)
        {
            return TypedResults.Unauthorized();
        }

        var photo = await db.Attachments.AsNoTracking()
            .Where(a => a.Id == id && db.Complaints.VisibleTo(staff).Any(c => c.Id == a.ComplaintId))
            .Select(a => new { a.Content, a.ContentType, a.Sha256 }).SingleOrDefaultAsync(ct);
        return photo is null
            ? TypedResults.NotFound()
            : TypedResults.File(photo.Content, photo.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{photo.Sha256}\""));
    }
}
