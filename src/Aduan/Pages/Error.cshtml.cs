using Aduan.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aduan.Pages;

/// <summary>The error page of every page, citizen or staff (re-executed for 4xx/5xx), in its side's layout, keeping the status.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : AduanPageModel
{
    public int Status { get; private set; }

    public IActionResult OnGet() => Show();

    public IActionResult OnPost() => Show();

    /// <summary>
    /// No handler parameter: binding one would read the failed request's form again (re-executed as it
    /// came), and a form too large to read would turn its 4xx into a 500 here.
    /// </summary>
    private PageResult Show()
    {
        // Re-executed errors carry their 4xx/5xx; anything else typed into /error/{n} is not a page.
        var status = int.TryParse(RouteData.Values["status"] as string, System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var s) && s is >= 400 and <= 599 ? s : 404;
        Status = status;
        Response.StatusCode = status;
        return Page();
    }
}
