using Aduan.Identity;
using Aduan.Infrastructure;
using Aduan.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Aduan.Pages.Staff.Account;

/// <summary>
/// The second step of signing in, after the password: a code checked against the user who passed
/// the first step (kept for five minutes in Identity's two-factor cookie).
/// </summary>
[EnableRateLimiting(RateLimits.Login)]
public abstract class SecondStepModel(SignInManager<StaffUser> signIn) : StaffPageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    protected SignInManager<StaffUser> Manager => signIn;

    /// <summary>The message key when the code is refused.</summary>
    protected abstract string WrongCodeKey { get; }

    /// <summary>The message shown after signing in this way, if any.</summary>
    protected virtual string? DoneKey => null;

    protected abstract Task<Microsoft.AspNetCore.Identity.SignInResult> SignInWithAsync(string code);

    /// <summary>The code as typed, without the spaces (and dashes) people add when copying it.</summary>
    protected virtual string Clean(string code) => code.Replace(" ", "", StringComparison.Ordinal);

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            Flash = T["SecondFactor.Expired"];
            return RedirectToPage("SignIn");
        }

        var code = Clean(Code ?? "");
        if (code.Length == 0)
        {
            ShowError(nameof(Code), "Field.Required");
            return Page();
        }

        var result = await SignInWithAsync(code);
        if (result.Succeeded)
        {
            if (DoneKey is { } done)
            {
                Flash = T[done];
            }

            return LocalRedirect(Language.LocalUrl(ReturnUrl));
        }

        ModelState.AddModelError(nameof(Code), T[result.IsLockedOut ? "Problem.Login.Detail" : WrongCodeKey]);
        return Page();
    }
}
