using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Options;

namespace Aduan.Web;

/// <summary>
/// TempData in a cookie, as <see cref="CookieTempDataProvider"/> keeps it, without its one habit that costs every page:
/// it deletes the cookie on every response with no message, even when the request had none, so each page carried a
/// <c>Set-Cookie</c> with an expiry in 1970. Here a cookie is deleted only when the request had one.
/// </summary>
public sealed class QuietTempDataProvider(CookieTempDataProvider cookies, IOptions<CookieTempDataProviderOptions> options) : ITempDataProvider
{
    public IDictionary<string, object> LoadTempData(HttpContext context) => cookies.LoadTempData(context);

    public void SaveTempData(HttpContext context, IDictionary<string, object> values)
    {
        if (values.Count == 0 && !context.Request.Cookies.ContainsKey(options.Value.Cookie.Name!))
        {
            return;
        }

        cookies.SaveTempData(context, values);
    }
}
