using Aduan.Infrastructure;

namespace Aduan.Identity;

/// <summary>
/// A valid token is not enough: the user must still exist and be enabled. Applied to every staff
/// group, so handlers can rely on <see cref="StaffContext"/> returning a member. (The second factor
/// is part of the staff policies themselves: <see cref="SecondFactorRequirement"/>.)
/// </summary>
public sealed class RequireStaffMember(StaffContext staffContext, Problems problems) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var staff = await staffContext.GetAsync(context.HttpContext.RequestAborted);
        if (staff is null)
        {
            return problems.Create(StatusCodes.Status401Unauthorized, "unauthorized", "Problem.Unauthorized.Title",
                problems.T["Problem.Unauthorized.Detail"]);
        }

        return await next(context);
    }
}
