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

    /// <summary>
    /// Only addresses of this site: a link cannot send a user elsewhere (after signing in, switching
    /// language). What is not printable ASCII (a decoded line break, a space, a non-ASCII letter) is
    /// percent-encoded again, so no value can break the Location header.
    /// </summary>
    public static string LocalUrl(string? url)
    {
        if (url is null || !url.StartsWith('/') || url.StartsWith("//", StringComparison.Ordinal) || url.StartsWith("/\\", StringComparison.Ordinal)
            || url.Length > 2048)
        {
            return "/staff";
        }

        var safe = new System.Text.StringBuilder(url.Length);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.Value is > 0x20 and < 0x7F && rune.Value != '\\')
            {
                safe.Append((char)rune.Value);
            }
            else
            {
                foreach (var b in utf8[..rune.EncodeToUtf8(utf8)])
                {
                    safe.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        return safe.ToString();
    }
}
