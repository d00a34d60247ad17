using Aduan.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aduan.Pages;

/// <summary>The workspace's error page (re-executed for 4xx/5xx under /staff and /admin), keeping the status.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : StaffPageModel
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
