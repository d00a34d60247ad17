using Aduan.Complaints;
using Aduan.Data;
using Aduan.Infrastructure;
using Aduan.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Transparency;

/// <summary>The public register, agency pages, feeds, widget and open data: services and endpoints (the pages are in Pages/Portal).</summary>
public static class TransparencySetup
{
    public const int MapPoints = 500;

    public static IServiceCollection AddTransparency(this IServiceCollection services)
    {
        services.AddScoped<PublicRegister>();
        services.AddScoped<AgencyFollowUps>();
        services.AddSingleton<PublicTextRefresh>();
        services.AddSingleton<OpenDataSnapshots>();
        services.AddHostedService(sp => sp.GetRequiredService<PublicTextRefresh>());
        return services;
    }

    public static IEndpointRouteBuilder MapTransparency(this IEndpointRouteBuilder app)
    {
        app.MapOpenDataApi();
        app.MapGet("/api/v1/open-data/map.geojson", MapPointsAsync).WithTags("Open data").RequireRateLimiting(RateLimits.PublicRead)
            .WithSummary("The latest published reports with a place, as GeoJSON points rounded to about 100 m; takes the register's filters.");
        app.MapGet("/instansi/{agencyCode}/feed.atom", AgencyFeeds.AtomAsync).ExcludeFromDescription();
        app.MapGet("/instansi/{agencyCode}/feed.json", AgencyFeeds.JsonAsync).ExcludeFromDescription();
        app.MapGet("/laporan/{trackingCode}/foto/{photo}", PhotoAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// A follow-up photo of a published report, by its random public id; only photos the public may
    /// see (404 otherwise, as for a missing one).
    /// </summary>
    private static async Task<IResult> PhotoAsync(string trackingCode, string photo, PublicRegister register, AduanDbContext db, CancellationToken ct)
    {
        if (!TrackingCode.TryNormalize(trackingCode, out var code) || !Attachments.Attachment.IsPublicId(photo))
        {
            return TypedResults.NotFound();
        }

        var found = await db.Attachments.AsNoTracking()
            .Where(a => a.PublicId == photo && a.Visibility == EventVisibility.Public
                && register.Published().Any(c => c.Id == a.ComplaintId && c.TrackingCode == code))
            .Select(a => new { a.Content, a.ContentType, a.Sha256 }).SingleOrDefaultAsync(ct);
        return found is null
            ? TypedResults.NotFound()
            : TypedResults.File(found.Content, found.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{found.Sha256}\""));
    }

    /// <summary>
    /// Each point's pop-up names what happened (the title, or the first words of the masked text, read
    /// from the stored public text so no report's whole text is loaded), where and the status in words.
    /// </summary>
    private static async Task<IResult> MapPointsAsync([AsParameters] RegisterFilter filter, PublicRegister register,
        ComplaintPresenter presenter, CancellationToken ct)
    {
        var points = await (await register.PinnedAsync(filter.ToQuery(), ct)).Take(MapPoints)
            .Select(c => new
            {
                c.TrackingCode, c.Title, TextStart = c.PublicText!.Substring(0, PublicRegister.HeadlineLength * 2),
                c.Location.Latitude, c.Location.Longitude, c.Location.Kecamatan, c.Status,
            })
            .ToListAsync(ct);
        return TypedResults.Ok(new
        {
            type = "FeatureCollection",
            features = points.Select(p => new
            {
                type = "Feature",
                geometry = new { type = "Point", coordinates = new[] { PublicRegister.Round(p.Longitude), PublicRegister.Round(p.Latitude) } },
                properties = new
                {
                    code = p.TrackingCode,
                    title = PersonalDataMask.Apply(p.Title) ?? PublicRegister.Headline(p.TextStart) ?? p.TrackingCode,
                    kecamatan = p.Kecamatan,
                    status = p.Status.ToString(),
                    statusLabel = presenter.StatusLabel(p.Status),
                },
            }),
        });
    }
}

/// <summary>The register's filters as they come in a query string (/laporan and the map points).</summary>
public sealed record RegisterFilter(string? Q, string? Agency, string? Category, string? Kecamatan, string? Status, string? From, string? To)
{
    public RegisterQuery ToQuery(int page = 1) => new(Q, Agency, Category, Kecamatan, Status, Date(From), Date(To), page);

    private static DateOnly? Date(string? value) =>
        Dates.TryParseIso(value, out var d) ? d : null;
}
