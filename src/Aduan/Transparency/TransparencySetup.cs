using Aduan.Complaints;
using Aduan.Data;
using Aduan.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Transparency;

/// <summary>The public register, agency pages, feeds, widget and open data: services, headers, endpoints.</summary>
public static class TransparencySetup
{
    public const int MapPoints = 500;

    private static readonly string[] NotPublicPages = ["/staff", "/admin", "/api", "/docs", "/openapi", "/health"];

    public static IServiceCollection AddTransparency(this IServiceCollection services)
    {
        services.AddOptions<MapOptions>().BindConfiguration(MapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<PublicRegister>();
        services.AddScoped<AgencyFollowUps>();
        return services;
    }

    public static WebApplication MapTransparency(this WebApplication app)
    {
        app.MapOpenDataApi();
        app.MapGet("/api/v1/open-data/map.geojson", MapPointsAsync).WithTags("Open data")
            .WithSummary("The latest published reports with a place, as GeoJSON points rounded to about 100 m; takes the register's filters.");
        app.MapGet("/instansi/{agencyCode}/feed.atom", AgencyFeeds.AtomAsync).ExcludeFromDescription();
        app.MapGet("/instansi/{agencyCode}/feed.json", AgencyFeeds.JsonAsync).ExcludeFromDescription();
        app.MapGet("/laporan/{trackingCode}/foto/{id:long}", PhotoAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Public pages load only the app's own scripts and styles, and map tiles from the configured
    /// server. They are never framed, except the widget, which exists to be framed by agency websites.
    /// </summary>
    public static Task PublicSecurityHeaders(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        // The workspace has its own policy; the API, health checks and the API reference (Scalar) are no public pages.
        if (NotPublicPages.Any(p => path.StartsWithSegments(p)))
        {
            return next(context);
        }

        var widget = path.StartsWithSegments("/instansi") && path.Value!.EndsWith("/widget", StringComparison.OrdinalIgnoreCase);
        if (widget)
        {
            context.Response.Headers.Remove("X-Frame-Options");
        }

        var tiles = context.RequestServices.GetRequiredService<IOptions<MapOptions>>().Value.TileOrigin();
        context.Response.Headers.ContentSecurityPolicy =
            $"default-src 'self'; img-src 'self' data: {tiles}; style-src 'self'; script-src 'self'; object-src 'none'; " +
            $"frame-ancestors {(widget ? "*" : "'none'")}; form-action 'self'; base-uri 'none'";
        return next(context);
    }

    /// <summary>A follow-up photo of a published report; only photos the public may see (404 otherwise, as for a missing one).</summary>
    private static async Task<IResult> PhotoAsync(string trackingCode, long id, PublicRegister register, AduanDbContext db, CancellationToken ct)
    {
        if (!TrackingCode.TryNormalize(trackingCode, out var code))
        {
            return TypedResults.NotFound();
        }

        var photo = await db.Attachments.AsNoTracking()
            .Where(a => a.Id == id && a.Visibility == EventVisibility.Public
                && register.Published().Any(c => c.Id == a.ComplaintId && c.TrackingCode == code))
            .Select(a => new { a.Content, a.ContentType, a.Sha256 }).SingleOrDefaultAsync(ct);
        return photo is null
            ? TypedResults.NotFound()
            : TypedResults.File(photo.Content, photo.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{photo.Sha256}\""));
    }

    private static async Task<IResult> MapPointsAsync([AsParameters] RegisterFilter filter, PublicRegister register, CancellationToken ct)
    {
        var q = await register.FilterAsync(register.Published(), filter.ToQuery(), ct);
        var points = await q.Where(c => c.Location.Latitude != null && c.Location.Longitude != null)
            .OrderByDescending(c => c.SubmittedAt).ThenByDescending(c => c.Id).Take(MapPoints)
            .Select(c => new { c.TrackingCode, c.Title, c.Location.Latitude, c.Location.Longitude, c.Status })
            .ToListAsync(ct);
        return TypedResults.Ok(new
        {
            type = "FeatureCollection",
            features = points.Select(p => new
            {
                type = "Feature",
                geometry = new { type = "Point", coordinates = new[] { PublicRegister.Round(p.Longitude), PublicRegister.Round(p.Latitude) } },
                properties = new { code = p.TrackingCode, title = PersonalDataMask.Apply(p.Title), status = p.Status.ToString() },
            }),
        });
    }
}

/// <summary>The register's filters as they come in a query string (/laporan and the map points).</summary>
public sealed record RegisterFilter(string? Q, string? Agency, string? Category, string? Kecamatan, string? Status, string? From, string? To)
{
    public RegisterQuery ToQuery(int page = 1) => new(Q, Agency, Category, Kecamatan, Status, Date(From), Date(To), page);

    private static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d : null;
}
