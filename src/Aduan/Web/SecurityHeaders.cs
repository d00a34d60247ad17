using Microsoft.Extensions.Options;

namespace Aduan.Web;

/// <summary>
/// The response headers every page gets: no sniffing, no referrer, no framing; and a
/// Content-Security-Policy by side. Pages may only load the app's own scripts and styles; public
/// pages also map tiles from the configured server; only an agency's widget may be framed.
/// Responses that may carry a reporter's or staff data are never stored by any cache
/// (<see cref="IsPrivate"/>). HSTS is sent over HTTPS (UseHsts in the pipeline).
/// </summary>
public static class SecurityHeaders
{
    private static readonly string[] WorkspacePaths = ["/staff", "/admin"];

    /// <summary>Where every answer is someone's own: the workspace, the staff and admin API, the sign-in API, the reporter's tracking page.</summary>
    private static readonly string[] PrivatePaths = ["/staff", "/admin", "/api/v1/staff", "/api/v1/admin", "/api/v1/auth", "/lacak", "/ikuti"];

    /// <summary>
    /// A response is private when its path is (<see cref="PrivatePaths"/>), when it answers anything but a
    /// read (a new report's answer carries its reporter key, on /lapor as in the API), or when its request
    /// carries a credential, whatever the path: a staff token, or a reporter key.
    /// </summary>
    public static bool IsPrivate(HttpRequest request) =>
        PrivatePaths.Any(p => request.Path.StartsWithSegments(p))
        || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        || request.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.Authorization)
        || request.Headers.ContainsKey(Complaints.PublicComplaintsApi.ReporterKeyHeader);

    public static Task ApplyAsync(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";

        var path = context.Request.Path;
        if (IsPrivate(context.Request))
        {
            // Set when the response starts, so no handler's own caching header (a file's, a feed's) can outlive this.
            context.Response.OnStarting(() =>
            {
                headers.CacheControl = "no-store, no-cache";
                headers.Pragma = "no-cache";
                return Task.CompletedTask;
            });
        }

        if (WorkspacePaths.Any(p => path.StartsWithSegments(p)))
        {
            headers.ContentSecurityPolicy =
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
        }
        else if (!ErrorPages.IsMachinePath(path))
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
