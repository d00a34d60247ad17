using Aduan.Identity;
using Aduan.Infrastructure;
using Aduan.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Aduan.Pages.Staff.Account;

/// <summary>The signed-in user's own account: roles, second factor, password change.</summary>
public sealed class IndexModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, AuditTrail audit) : StaffPageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public int RecoveryCodesLeft { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("SignIn");
        }

        if (string.IsNullOrEmpty(CurrentPassword))
        {
            ShowError(nameof(CurrentPassword), "Field.Required");
        }

        if (string.IsNullOrEmpty(NewPassword))
        {
            ShowError(nameof(NewPassword), "Field.Required");
        }
        else if (NewPassword != ConfirmPassword)
        {
            ShowError(nameof(ConfirmPassword), "Account.PasswordsDiffer");
        }

        if (ModelState.IsValid)
        {
            var result = await users.ChangePasswordAsync(user, CurrentPassword!, NewPassword!);
            if (result.Succeeded)
            {
                audit.Record(Staff.Name, Staff.UserId, "user.password.change", user.UserName ?? user.Id);
                await HttpContext.RequestServices.GetRequiredService<Data.AduanDbContext>().SaveChangesAsync();
                await signIn.RefreshSignInAsync(user);
                Flash = T["Account.PasswordChanged"];
                return RedirectToPage();
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? nameof(CurrentPassword) : nameof(NewPassword),
                    IdentityErrorText.Describe(T, error));
            }
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        RecoveryCodesLeft = user is null ? 0 : await users.CountRecoveryCodesAsync(user);
    }
}
