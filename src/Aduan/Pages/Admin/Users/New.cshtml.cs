using Aduan.Data;
using Aduan.Identity;
using Aduan.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Aduan.Pages.Admin.Users;

/// <summary>A new staff account with one role and its first password (the user changes it on their account page).</summary>
public sealed class NewModel(AduanDbContext db, StaffAccounts accounts) : UserFormModel(db, accounts)
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAgenciesAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var v = NewValidation();
        var userName = v.Text(nameof(UserName), UserName, 1, 256, required: true);
        var (displayName, assignment) = await CheckAsync(v, ct);
        if (string.IsNullOrEmpty(Password))
        {
            v.Add(nameof(Password), "Field.Required");
        }

        if (v.IsValid)
        {
            var result = await Accounts.CreateAsync(userName!, displayName!, assignment!, Password!, Staff.Name, Staff.UserId, ct);
            if (result.Succeeded)
            {
                Flash = T["Admin.Users.Created", userName!];
                return RedirectToPage("Index", new { q = userName });
            }

            ShowIdentityErrors(result, nameof(Password), userName);
        }

        ShowErrors(v);
        await LoadAgenciesAsync(ct);
        return Page();
    }
}
