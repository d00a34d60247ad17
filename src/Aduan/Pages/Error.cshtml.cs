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

    public IActionResult OnGet(int status) => Show(status);

    public IActionResult OnPost(int status) => Show(status);

    private PageResult Show(int status)
    {
        Status = status;
        Response.StatusCode = status is >= 400 and <= 599 ? status : 500;
        return Page();
    }
}
