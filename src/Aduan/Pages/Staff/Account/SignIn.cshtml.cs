using Aduan.Identity;
using Aduan.Infrastructure;
using Aduan.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Aduan.Pages.Staff.Account;

[EnableRateLimiting(RateLimits.Login)]
public sealed class SignInModel(SignInManager<StaffUser> signIn) : StaffPageModel
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() =>
        StaffOrNull is null ? Page() : LocalRedirect(Language.LocalUrl(ReturnUrl));

    public async Task<IActionResult> OnPostAsync()
    {
        var v = NewValidation();
        var userName = v.Text("UserName", UserName, 1, 256, required: true);
        if (string.IsNullOrEmpty(Password))
        {
            v.Add("Password", "Field.Required");
        }

        if (!v.IsValid)
        {
            ShowErrors(v);
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(userName!, Password!, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            return LocalRedirect(Language.LocalUrl(ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("SecondFactor", new { returnUrl = Language.LocalUrl(ReturnUrl) });
        }

        // The same words whether the name is unknown, the password wrong or the account disabled.
        ModelState.AddModelError(string.Empty, result is ThrottledSignInResult throttled
            ? T["Problem.LoginThrottled.Detail", Math.Ceiling(throttled.RetryAfter.TotalSeconds)]
            : T["Problem.Login.Detail"]);
        return Page();
    }
}
