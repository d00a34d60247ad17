using Aduan.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Aduan.Pages.Staff;

/// <summary>
/// Runs before every page handler: for signed-in users it loads <see cref="StaffMember"/> (signing
/// out a user deleted or disabled meanwhile). The second factor is enforced before this, by the
/// staff policies (<see cref="SecondFactorRequirement"/>).
/// </summary>
public sealed class StaffPageFilter(StaffContext staffContext) : IAsyncPageFilter
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
                context.Result = new Microsoft.AspNetCore.Mvc.RedirectResult(Conventions.SignInPath);
                return;
            }

            http.Items[typeof(StaffMember)] = staff;
        }

        await next();
    }
}
