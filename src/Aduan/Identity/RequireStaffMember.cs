using Aduan.Infrastructure;

namespace Aduan.Identity;

/// <summary>
/// A valid token is not enough: the user must still exist and be enabled. Applied to every staff
/// group, so handlers can rely on <see cref="StaffContext"/> returning a member.
/// </summary>
public sealed class RequireStaffMember(StaffContext staffContext, Problems problems,
    Microsoft.Extensions.Options.IOptions<TwoFactorOptions> twoFactor) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var staff = await staffContext.GetAsync(context.HttpContext.RequestAborted);
        if (staff is not null && !staff.TwoFactorEnabled && twoFactor.Value.IsRequiredFor(staff.Roles))
        {
            return AuthApi.TwoFactorRequired(problems); // a token from before the role needed it
        }

        if (staff is null)
        {
            return problems.Create(StatusCodes.Status401Unauthorized, "unauthorized", "Problem.Unauthorized.Title",
                problems.T["Problem.Unauthorized.Detail"]);
        }

        return await next(context);
    }
}
