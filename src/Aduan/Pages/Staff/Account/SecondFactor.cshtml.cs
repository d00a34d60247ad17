using Aduan.Identity;
using Microsoft.AspNetCore.Identity;

namespace Aduan.Pages.Staff.Account;

/// <summary>The six digits from the authenticator app.</summary>
public sealed class SecondFactorModel(SignInManager<StaffUser> signIn) : SecondStepModel(signIn)
{
    protected override string WrongCodeKey => "SecondFactor.Wrong";

    protected override string Clean(string code) => base.Clean(code).Replace("-", "", StringComparison.Ordinal);

    protected override Task<Microsoft.AspNetCore.Identity.SignInResult> SignInWithAsync(string code) =>
        Manager.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
}
