using Aduan.Data;
using Aduan.Identity;
using Aduan.Infrastructure;
using Aduan.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Pages.Admin.Users;

/// <summary>What the new-user and edit-user forms share: display name, role and agency, checked by <see cref="StaffAccounts"/>.</summary>
public abstract class UserFormModel(AduanDbContext db, StaffAccounts accounts) : StaffPageModel
{
    public sealed record AgencyOption(string Code, string Name);

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? Agency { get; set; }

    /// <summary>Active agencies, plus the one already chosen if it has been deactivated since.</summary>
    public IReadOnlyList<AgencyOption> Agencies { get; private set; } = [];

    protected StaffAccounts Accounts => accounts;

    protected AduanDbContext Db => db;

    protected async Task LoadAgenciesAsync(CancellationToken ct) =>
        Agencies = await db.Agencies.AsNoTracking().Where(a => a.IsActive || a.Code == Agency).OrderBy(a => a.Code)
            .Select(a => new AgencyOption(a.Code, a.Name)).ToListAsync(ct);

    /// <summary>Checks the display name, role and agency; each problem goes beside its field.</summary>
    protected async Task<(string? DisplayName, RoleAssignment? Assignment)> CheckAsync(Validation v, CancellationToken ct)
    {
        var displayName = v.Text(nameof(DisplayName), DisplayName, 1, 200, required: true);
        var check = await accounts.CheckAsync(Role, Agency, ct);
        switch (check.Error)
        {
            case AssignmentError.UnknownRole:
                v.Add(nameof(Role), string.IsNullOrWhiteSpace(Role) ? "Field.Required" : "Admin.Users.UnknownRole");
                break;
            case AssignmentError.AgencyRequired:
                v.Add(nameof(Agency), "Admin.Users.AgencyRequired", T["Role." + Roles.Normalize(Role!)]);
                break;
            case AssignmentError.AgencyNotAllowed:
                v.Add(nameof(Agency), "Admin.Users.AgencyNotAllowed", T["Role." + Roles.Normalize(Role!)]);
                break;
            case AssignmentError.UnknownAgency:
                v.Add(nameof(Agency), "Admin.Users.UnknownAgency");
                break;
        }

        return (displayName, check.Assignment);
    }

    /// <summary>Identity's refusals beside the field they concern (the user name, or else the password).</summary>
    protected void ShowIdentityErrors(IdentityResult result, string passwordField, string? userName = null)
    {
        foreach (var error in result.Errors)
        {
            var field = error.Code is nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.InvalidUserName)
                ? "UserName"
                : passwordField;
            ModelState.AddModelError(field, IdentityErrorText.Describe(T, error, userName: userName));
        }
    }
}
