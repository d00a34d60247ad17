using Aduan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Aduan.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Aduan.Identity;

/// <summary>A user with a second factor also sends the six digits of the authenticator app.</summary>
public sealed record LoginRequest(string? UserName, string? Password, string? TwoFactorCode = null);

public sealed record MeResponse(string Name, IReadOnlyList<string> Roles, string? Agency);

public static class AuthApi
{
    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Auth");
        group.MapPost("/login", Login).AllowAnonymous().RequireRateLimiting(RateLimits.Login)
            .WithSummary("Staff sign-in: returns { tokenType, accessToken, expiresIn, refreshToken }; send it as Authorization: Bearer.");
        group.MapPost("/logout", Logout).RequireAuthorization(AuthSetup.StaffPolicy)
            .WithSummary("Revokes every token and workspace session of the signed-in user (they sign in again).");
        group.MapGet("/me", Me).RequireAuthorization(AuthSetup.StaffPolicy).AddEndpointFilter<RequireStaffMember>().WithSummary("Who the token belongs to.");
    }

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Login(
        LoginRequest request, SignInManager<StaffUser> signIn, IOptions<TwoFactorOptions> twoFactor, Problems problems, HttpContext context)
    {
        var v = new Validation(problems.T);
        var userName = v.Text("userName", request.UserName, 1, 256, required: true);
        if (string.IsNullOrEmpty(request.Password))
        {
            v.Add("password", "Field.Required");
        }

        if (!v.IsValid)
        {
            return v.ToProblem(problems);
        }

        // The bearer handler writes the token response itself on success. A failure says the same whether
        // the name is unknown, the password wrong or the account locked: no way to probe which names exist.
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var user = await signIn.UserManager.FindByNameAsync(userName!);
        if (user is { TwoFactorEnabled: false } && twoFactor.Value.IsRequiredFor(await signIn.UserManager.GetRolesAsync(user)))
        {
            // The role needs a second factor that this user has not enrolled: no token until they do (in the workspace).
            var check = await signIn.CheckPasswordSignInAsync(user, request.Password!, lockoutOnFailure: false);
            return check.Succeeded ? TwoFactorRequired(problems) : LoginFailed(problems, check, context);
        }

        var result = await signIn.PasswordSignInAsync(userName!, request.Password!, isPersistent: false, lockoutOnFailure: false);
        if (result.RequiresTwoFactor && !string.IsNullOrWhiteSpace(request.TwoFactorCode))
        {
            result = await signIn.TwoFactorAuthenticatorSignInAsync(request.TwoFactorCode.Replace(" ", "", StringComparison.Ordinal),
                isPersistent: false, rememberClient: false);
        }

        if (result.Succeeded)
        {
            return TypedResults.Empty;
        }

        return result.RequiresTwoFactor
            ? problems.Create(StatusCodes.Status401Unauthorized, "second-factor", "Problem.Login.Title", problems.T["Problem.SecondFactor.Detail"])
            : LoginFailed(problems, result, context);
    }

    private static ProblemHttpResult LoginFailed(Problems problems, Microsoft.AspNetCore.Identity.SignInResult result, HttpContext context)
    {
        if (result is not ThrottledSignInResult throttled)
        {
            return problems.Create(StatusCodes.Status401Unauthorized, "login-failed", "Problem.Login.Title", problems.T["Problem.Login.Detail"]);
        }

        var seconds = (int)Math.Ceiling(throttled.RetryAfter.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return problems.Create(StatusCodes.Status429TooManyRequests, "login-throttled", "Problem.Login.Title",
            problems.T["Problem.LoginThrottled.Detail", seconds]);
    }

    public static ProblemHttpResult TwoFactorRequired(Problems problems) =>
        problems.Create(StatusCodes.Status403Forbidden, "second-factor-required", "Problem.SecondFactorRequired.Title",
            problems.T["Problem.SecondFactorRequired.Detail", Pages.Staff.Conventions.EnrolPath]);

    public static async Task<Results<NoContent, UnauthorizedHttpResult>> Logout(HttpContext context, UserManager<StaffUser> users)
    {
        if (await users.GetUserAsync(context.User) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        await users.UpdateSecurityStampAsync(user);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<MeResponse>, UnauthorizedHttpResult>> Me(StaffContext staffContext, CancellationToken ct)
    {
        var staff = await staffContext.GetAsync(ct);
        return staff is null
            ? TypedResults.Unauthorized()
            : TypedResults.Ok(new MeResponse(staff.Name, staff.Roles.Order().ToList(), staff.AgencyCode));
    }
}
