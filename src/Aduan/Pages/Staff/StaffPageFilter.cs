using Aduan.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace Aduan.Pages.Staff;

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
                context.Result = new Microsoft.AspNetCore.Mvc.RedirectResult(Conventions.SignInPath);
                return;
            }

            http.Items[typeof(StaffMember)] = staff;
            var page = context.ActionDescriptor.ViewEnginePath;
            var workspace = page.StartsWith("/Staff/", StringComparison.Ordinal) || page.StartsWith("/Admin/", StringComparison.Ordinal);
            if (workspace && !staff.TwoFactorEnabled && twoFactor.Value.IsRequiredFor(staff.Roles)
                && !page.StartsWith("/Staff/Account/", StringComparison.Ordinal))
            {
                context.Result = new Microsoft.AspNetCore.Mvc.RedirectResult(Conventions.EnrolPath);
                return;
            }
        }

        await next();
    }
}
