using Aduan.Identity;
using Aduan.Infrastructure;
using Aduan.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Aduan.Pages.Staff.Account;

/// <summary>The second step of signing in: the six digits from the authenticator app.</summary>
[EnableRateLimiting(RateLimits.Login)]
public sealed class SecondFactorModel(SignInManager<StaffUser> signIn) : StaffPageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            Flash = T["SecondFactor.Expired"];
            return RedirectToPage("SignIn");
        }

        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length == 0)
        {
            ShowError(nameof(Code), "Field.Required");
            return Page();
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            return LocalRedirect(SignInModel.SafeReturnUrl(ReturnUrl));
        }

        ModelState.AddModelError(nameof(Code), T[result.IsLockedOut ? "Problem.Login.Detail" : "SecondFactor.Wrong"]);
        return Page();
    }
}
