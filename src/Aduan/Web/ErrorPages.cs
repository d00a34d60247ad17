using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Aduan.Web;

/// <summary>Errors of the pages (403, 404, ...) as pages with the site's header, citizen or staff; the API keeps its problem documents.</summary>
public static class ErrorPages
{
    /// <summary>Paths that answer machines, not people (the API, health checks, the API reference): no page errors, no page headers.</summary>
    private static readonly string[] MachinePaths = ["/api", "/health", "/openapi", "/docs"];

    public static bool IsMachinePath(PathString path) => MachinePaths.Any(p => path.StartsWithSegments(p));

    public static WebApplication UseErrorPages(this WebApplication app)
    {
        app.UseWhen(context => !IsMachinePath(context.Request.Path)
                && !Path.HasExtension(context.Request.Path.Value),
            branch => branch.UseStatusCodePagesWithReExecute("/error/{0}"));
        return app;
    }

    /// <summary>A signed-in user without the page's role: 403, shown by the error page in the user's language.</summary>
    public static Task ForbidAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
