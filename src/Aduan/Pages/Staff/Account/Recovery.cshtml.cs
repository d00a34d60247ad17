using Aduan.Identity;
using Microsoft.AspNetCore.Identity;

namespace Aduan.Pages.Staff.Account;

/// <summary>A one-time recovery code, when the authenticator app is lost.</summary>
public sealed class RecoveryModel(SignInManager<StaffUser> signIn) : SecondStepModel(signIn)
{
    protected override string WrongCodeKey => "Recovery.Wrong";

    protected override string DoneKey => "Recovery.Used";

    protected override Task<Microsoft.AspNetCore.Identity.SignInResult> SignInWithAsync(string code) => Manager.TwoFactorRecoveryCodeSignInAsync(code);
}
