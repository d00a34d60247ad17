using Aduan.Identity;
using Aduan.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Aduan.Pages.Staff.Account;

/// <summary>
/// Signing out is a POST (with the anti-forgery token): a link on another site cannot sign anyone out.
/// It revokes every session of the user (a copied cookie or an API token stops working too).
/// </summary>
public sealed class SignOutModel(SignInManager<StaffUser> signIn) : StaffPageModel
{
    public IActionResult OnGet() => RedirectToPage("SignIn");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        Flash = T["SignOut.Done"];
        return RedirectToPage("SignIn");
    }
}
