using Aduan.Data;
using Aduan.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Aduan.Pages.Admin.Users;

/// <summary>One staff account: name, role and agency; disable or enable; reset the second factor; set a new password.</summary>
public sealed class EditModel(AduanDbContext db, StaffAccounts accounts, UserManager<StaffUser> users) : UserFormModel(db, accounts)
{
    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public string UserName { get; private set; } = "";

    public bool Disabled { get; private set; }

    public bool TwoFactor { get; private set; }

    /// <summary>The admin's own account: it cannot be disabled from here (someone else must do it).</summary>
    public bool IsSelf { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return NotFound();
        }

        await ShowAsync(user, fillForm: true, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return NotFound();
        }

        var v = NewValidation();
        var (displayName, assignment) = await CheckAsync(v, ct);
        if (v.IsValid)
        {
            var result = await Accounts.UpdateAsync(user, displayName!, assignment!, Staff.Name, Staff.UserId, ct);
            if (result.Succeeded)
            {
                return Done(user, "Admin.Users.Saved");
            }

            ShowIdentityErrors(result, nameof(Role));
        }

        ShowErrors(v);
        await ShowAsync(user, fillForm: false, ct);
        return Page();
    }

    public Task<IActionResult> OnPostDisableAsync(string id, CancellationToken ct) => SetEnabledAsync(id, false, ct);

    public Task<IActionResult> OnPostEnableAsync(string id, CancellationToken ct) => SetEnabledAsync(id, true, ct);

    public async Task<IActionResult> OnPostResetSecondFactorAsync(string id)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return NotFound();
        }

        await Accounts.ResetSecondFactorAsync(user, Staff.Name, Staff.UserId);
        return Done(user, "Admin.Users.SecondFactorReset");
    }

    public async Task<IActionResult> OnPostPasswordAsync(string id, CancellationToken ct)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return NotFound();
        }

        if (string.IsNullOrEmpty(NewPassword))
        {
            ShowError(nameof(NewPassword), "Field.Required");
        }
        else if (NewPassword != ConfirmPassword)
        {
            ShowError(nameof(ConfirmPassword), "Account.PasswordsDiffer");
        }
        else
        {
            var result = await Accounts.SetPasswordAsync(user, NewPassword, Staff.Name, Staff.UserId);
            if (result.Succeeded)
            {
                return Done(user, "Admin.Users.PasswordSet");
            }

            ShowIdentityErrors(result, nameof(NewPassword));
        }

        await ShowAsync(user, fillForm: true, ct);
        return Page();
    }

    private async Task<IActionResult> SetEnabledAsync(string id, bool enabled, CancellationToken ct)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return NotFound();
        }

        if (!enabled && user.Id == Staff.UserId)
        {
            ModelState.AddModelError(string.Empty, T["Admin.Users.NotYourself"]);
            await ShowAsync(user, fillForm: true, ct);
            return Page();
        }

        await Accounts.SetEnabledAsync(user, enabled, Staff.Name, Staff.UserId);
        return Done(user, enabled ? "Admin.Users.Enabled" : "Admin.Users.Disabled");
    }

    private RedirectToPageResult Done(StaffUser user, string messageKey)
    {
        Flash = T[messageKey, user.UserName!];
        return RedirectToPage(new { id = user.Id });
    }

    private async Task ShowAsync(StaffUser user, bool fillForm, CancellationToken ct)
    {
        if (fillForm)
        {
            DisplayName = user.DisplayName;
            Role = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).FirstOrDefault();
            Agency = user.AgencyId is null ? null : (await Db.Agencies.FindAsync([user.AgencyId], ct))?.Code;
        }

        UserName = user.UserName!;
        Disabled = StaffAccounts.IsDisabled(user);
        TwoFactor = user.TwoFactorEnabled;
        IsSelf = user.Id == Staff.UserId;
        await LoadAgenciesAsync(ct);
    }
}
