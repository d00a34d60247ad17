using Microsoft.Extensions.Options;

namespace Aduan.Web;

/// <summary>
/// The response headers every page gets: no sniffing, no referrer, no framing; and a
/// Content-Security-Policy by side. Pages may only load the app's own scripts and styles; public
/// pages also map tiles from the configured server; only an agency's widget may be framed.
/// </summary>
public static class SecurityHeaders
{
    private static readonly string[] WorkspacePaths = ["/staff", "/admin"];

    /// <summary>The API, health checks and the API reference (Scalar) are no pages.</summary>
    private static readonly string[] MachinePaths = ["/api", "/docs", "/openapi", "/health"];

    public static Task ApplyAsync(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";

        var path = context.Request.Path;
        if (WorkspacePaths.Any(p => path.StartsWithSegments(p)))
        {
            headers.ContentSecurityPolicy =
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
            headers.CacheControl = "no-cache, no-store";
            headers.Pragma = "no-cache";
        }
        else if (!MachinePaths.Any(p => path.StartsWithSegments(p)))
        {
            var widget = path.StartsWithSegments("/instansi") && path.Value!.EndsWith("/widget", StringComparison.OrdinalIgnoreCase);
            if (widget)
            {
                headers.Remove("X-Frame-Options");
            }

            var tiles = context.RequestServices.GetRequiredService<IOptions<MapOptions>>().Value.TileOrigin();
            headers.ContentSecurityPolicy =
                $"default-src 'self'; img-src 'self' data: {tiles}; style-src 'self'; script-src 'self'; object-src 'none'; " +
                $"frame-ancestors {(widget ? "*" : "'none'")}; form-action 'self'; base-uri 'none'";
        }

        return next(context);
    }
}
