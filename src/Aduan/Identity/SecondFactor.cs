using Aduan.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;

namespace Aduan.Identity;

/// <summary>
/// The one second-factor rule, part of every staff policy (pages, the photo endpoint, the JSON API;
/// cookies and tokens alike): a user whose role needs a second factor works only once enrolled.
/// Checked by the authorization middleware, so it holds for every endpoint that names a staff
/// policy, before any handler, filter or model binding runs.
/// </summary>
public sealed class SecondFactorRequirement : IAuthorizationRequirement
{
    public static SecondFactorRequirement Instance { get; } = new();
}

/// <summary>Marks endpoints a user who still has to enrol may reach: signing in and enrolling (/staff/account).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowWithoutSecondFactorAttribute : Attribute;

public sealed class SecondFactorHandler(StaffContext staffContext, IOptions<TwoFactorOptions> twoFactor)
    : AuthorizationHandler<SecondFactorRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, SecondFactorRequirement requirement)
    {
        var http = context.Resource as HttpContext;
        if (http?.GetEndpoint()?.Metadata.GetMetadata<AllowWithoutSecondFactorAttribute>() is not null)
        {
            context.Succeed(requirement);
            return;
        }

        // No member (deleted, disabled): the other checks turn the request away; this rule is about enrolment only.
        var staff = await staffContext.GetAsync(context.User, http?.RequestAborted ?? CancellationToken.None);
        if (staff is null || staff.TwoFactorEnabled || !twoFactor.Value.IsRequiredFor(staff.Roles))
        {
            context.Succeed(requirement);
        }
    }
}

/// <summary>
/// A refusal by the second-factor rule alone says what to do: the pages send the user to enrol,
/// the API answers 403 <c>second-factor-required</c>. Any other refusal is answered as usual.
/// </summary>
public sealed class SecondFactorResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailedRequirements.ToList() is { Count: > 0 } failed
            && failed.All(r => r is SecondFactorRequirement))
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                await AuthApi.TwoFactorRequired(context.RequestServices.GetRequiredService<Problems>()).ExecuteAsync(context);
            }
            else
            {
                context.Response.Redirect(Pages.Staff.Conventions.EnrolPath);
            }

            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
