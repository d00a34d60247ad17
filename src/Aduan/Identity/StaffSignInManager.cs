using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Aduan.Identity;

/// <summary>A sign-in refused because wrong passwords were tried too often: try again after <see cref="RetryAfter"/>.</summary>
public sealed class ThrottledSignInResult : Microsoft.AspNetCore.Identity.SignInResult
{
    public ThrottledSignInResult(TimeSpan retryAfter)
    {
        RetryAfter = retryAfter;
        IsLockedOut = true;
    }

    public TimeSpan RetryAfter { get; }
}

/// <summary>
/// Identity's sign-in, for the pages and the API alike, with two changes: wrong passwords slow the
/// next tries down (<see cref="SignInThrottle"/>) instead of locking the account for anyone who
/// types its name, and an unknown name costs the same password hashing as a known one, so the
/// answer's speed does not tell which names exist.
/// </summary>
public sealed class StaffSignInManager(
    UserManager<StaffUser> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<StaffUser> claims,
    IOptions<IdentityOptions> identity, ILogger<SignInManager<StaffUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<StaffUser> confirmation, SignInThrottle throttle)
    : SignInManager<StaffUser>(users, http, claims, identity, logger, schemes, confirmation)
{
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<StaffUser>().HashPassword(new StaffUser(), Guid.NewGuid().ToString()));

    private string Address => Infrastructure.RateLimits.ClientAddress(Context);

    public override async Task<Microsoft.AspNetCore.Identity.SignInResult> PasswordSignInAsync(string userName, string password,
        bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is not null)
        {
            return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        }

        if (throttle.Wait(userName, Address) is { Ticks: > 0 } wait)
        {
            return new ThrottledSignInResult(wait);
        }

        UserManager.PasswordHasher.VerifyHashedPassword(new StaffUser(), DummyHash.Value, password);
        throttle.Failed(userName, Address);
        return Microsoft.AspNetCore.Identity.SignInResult.Failed;
    }

    /// <summary>Every password check passes here (sign-in, and the API's check for users who must enrol a second factor).</summary>
    public override async Task<Microsoft.AspNetCore.Identity.SignInResult> CheckPasswordSignInAsync(StaffUser user, string password,
        bool lockoutOnFailure)
    {
        var account = user.UserName ?? user.Id;
        if (throttle.Wait(account, Address) is { Ticks: > 0 } wait)
        {
            return new ThrottledSignInResult(wait);
        }

        // No lockout on wrong passwords: the throttle slows them down. (A disabled user stays locked out.)
        var result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
        if (result.Succeeded || result.RequiresTwoFactor)
        {
            throttle.Succeeded(account, Address);
        }
        else if (!result.IsLockedOut)
        {
            throttle.Failed(account, Address);
        }

        return result;
    }
}
