using System.Globalization;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace Aduan.Identity;

/// <summary>
/// The authenticator app's six digits (RFC 6238, 30-second steps, one step of clock drift either
/// way), each accepted once: a code of a step already used, or of an earlier one, is refused, so a
/// code seen over someone's shoulder or in a proxy log cannot sign in again within its window.
/// </summary>
public sealed class OneTimeAuthenticatorTokenProvider : AuthenticatorTokenProvider<StaffUser>
{
    private const string LoginProvider = "[Aduan]";
    private const string LastStepName = "AuthenticatorLastStep";

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffUser> manager, StaffUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token.Length != 6 || !token.All(char.IsAsciiDigit))
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(token, out var step, new VerificationWindow(previous: 1, future: 1)))
        {
            return false;
        }

        var last = await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStepName);
        if (last is not null && long.Parse(last, CultureInfo.InvariantCulture) >= step)
        {
            return false;
        }

        var saved = await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastStepName, step.ToString(CultureInfo.InvariantCulture));
        return saved.Succeeded;
    }
}
