using System.Net;
using Aduan.Data;
using Aduan.Identity;
using Aduan.Portal;
using Microsoft.EntityFrameworkCore;
using Aduan.Resources;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Aduan.Web;

/// <summary>
/// The staff workspace: Razor Pages under /staff and /admin, signed in with Identity's cookie.
/// Every page passes <see cref="StaffPageFilter"/>, which re-reads the user (a disabled account
/// is out at once) and sends a user who must enrol a second factor to the enrolment page.
/// </summary>
public static class StaffPages
{
    public const string SignInPath = "/staff/account/signin";
    public const string EnrolPath = "/staff/account/authenticator";

    /// <summary>Pages a visitor reaches before being signed in.</summary>
    private static readonly string[] AnonymousPages =
        ["/Staff/Account/SignIn", "/Staff/Account/SecondFactor", "/Staff/Account/Recovery", "/Staff/Account/SignOut"];

    public static IServiceCollection AddAduanPages(this IServiceCollection services)
    {
        services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/Staff", AuthSetup.PagesPolicy);
                o.Conventions.AuthorizeFolder("/Admin", AuthSetup.AdminPagesPolicy);
                foreach (var page in AnonymousPages)
                {
                    o.Conventions.AllowAnonymousToPage(page);
                }
            })
            .AddMvcOptions(o => o.Filters.Add<StaffPageFilter>())
            .AddViewLocalization();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "aduan.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = "__af";
        });
        services.AddAduanPortal();
        return services;
    }

    public static WebApplication MapAduanPages(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapGet("/lang/{culture}", SwitchLanguage).ExcludeFromDescription();
        app.MapGet("/staff/attachments/{id:long}", PhotoAsync).RequireAuthorization(AuthSetup.PagesPolicy).ExcludeFromDescription();
        return app;
    }

    /// <summary>A report's photo for staff who may see the report (others get 404, as for the report itself).</summary>
    private static async Task<IResult> PhotoAsync(long id, StaffContext staffContext, AduanDbContext db, CancellationToken ct)
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

    /// <summary>Remembers the chosen language (id or en) in a cookie and goes back to the page (local addresses only).</summary>
    private static RedirectHttpResult SwitchLanguage(string culture, string? returnUrl, HttpContext context)
    {
        if (culture is "id" or "en")
        {
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true, IsEssential = true });
        }

        return TypedResults.LocalRedirect(LocalUrl(returnUrl));
    }

    /// <summary>Only addresses of this site: a link cannot send a user elsewhere (after signing in, switching language).</summary>
    public static string LocalUrl(string? url) =>
        url is not null && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/staff";

    /// <summary>Pages may only load the app's own scripts, styles and images, and are never framed.</summary>
    public static Task ContentSecurityPolicy(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments("/staff") || context.Request.Path.StartsWithSegments("/admin"))
        {
            context.Response.Headers.ContentSecurityPolicy =
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
            context.Response.Headers.CacheControl = "no-cache, no-store";
            context.Response.Headers.Pragma = "no-cache";
        }

        return next(context);
    }

    /// <summary>A signed-in user without the page's role: 403, shown by the error page in the user's language.</summary>
    public static Task ForbidAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    /// <summary>Paths that answer machines, not people: their errors stay problem documents (or plain).</summary>
    private static readonly string[] MachinePaths = ["/api", "/health", "/openapi", "/docs"];

    /// <summary>Errors of the pages (403, 404, ...) as pages with the site's header, citizen or staff; the API keeps its problem documents.</summary>
    public static WebApplication UseWorkspaceErrorPages(this WebApplication app)
    {
        app.UseWhen(context => !MachinePaths.Any(p => context.Request.Path.StartsWithSegments(p))
                && !Path.HasExtension(context.Request.Path.Value),
            branch => branch.UseStatusCodePagesWithReExecute("/error/{0}"));
        return app;
    }
}

/// <summary>
/// Runs before every page handler: for signed-in users it loads <see cref="StaffMember"/> (signing
/// out a user deleted or disabled meanwhile) and enforces the second factor for roles that need it.
/// </summary>
public sealed class StaffPageFilter(StaffContext staffContext, IOptions<TwoFactorOptions> twoFactor) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated == true)
        {
            var staff = await staffContext.GetAsync(http.RequestAborted);
            if (staff is null)
            {
                await http.SignOutAsync(IdentityConstants.ApplicationScheme);
                context.Result = new Microsoft.AspNetCore.Mvc.RedirectResult(StaffPages.SignInPath);
                return;
            }

            http.Items[typeof(StaffMember)] = staff;
            var page = context.ActionDescriptor.ViewEnginePath;
            var workspace = page.StartsWith("/Staff/", StringComparison.Ordinal) || page.StartsWith("/Admin/", StringComparison.Ordinal);
            if (workspace && !staff.TwoFactorEnabled && twoFactor.Value.IsRequiredFor(staff.Roles)
                && !page.StartsWith("/Staff/Account/", StringComparison.Ordinal))
            {
                context.Result = new Microsoft.AspNetCore.Mvc.RedirectResult(StaffPages.EnrolPath);
                return;
            }
        }

        await next();
    }
}
