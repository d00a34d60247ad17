using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;

namespace Aduan.Web;

/// <summary>Bahasa Indonesia first, English one click away: <c>/lang/{id|en}</c> remembers the choice in a cookie.</summary>
public static class Language
{
    /// <summary>Remembers the chosen language (id or en) in a cookie and goes back to the page (local addresses only).</summary>
    public static RedirectHttpResult Switch(string culture, string? returnUrl, HttpContext context)
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
}
