using Aduan.Data;
using Aduan.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Identity;

/// <summary>Why a role and agency do not fit together; each caller words it for its reader.</summary>
public enum AssignmentError
{
    UnknownRole,
    AgencyRequired,
    AgencyNotAllowed,
    UnknownAgency,
}

/// <summary>A user's one role and, for agency-bound roles, the agency.</summary>
public sealed record RoleAssignment(string Role, long? AgencyId, string? AgencyCode);

/// <summary>The checked assignment, or why there is none.</summary>
public sealed record AssignmentCheck(RoleAssignment? Assignment, AssignmentError? Error);

/// <summary>
/// Staff accounts as the command line and the admin pages change them: the role and agency rules,
/// creation, editing, disabling, and resets. Each change is audited in the save that makes it.
/// </summary>
public sealed class StaffAccounts(AduanDbContext db, UserManager<StaffUser> users, RoleManager<IdentityRole> roles, AuditTrail audit)
{
    /// <summary>Agency-bound roles need an agency; city-wide roles take none.</summary>
    public async Task<AssignmentCheck> CheckAsync(string? roleName, string? agencyCode, CancellationToken ct)
    {
        var role = roleName is null ? null : Roles.Normalize(roleName.Trim());
        if (role is null)
        {
            return new(null, AssignmentError.UnknownRole);
        }

        var bound = Roles.AgencyBound.Contains(role);
        if (string.IsNullOrWhiteSpace(agencyCode))
        {
            return bound ? new(null, AssignmentError.AgencyRequired) : new(new(role, null, null), null);
        }

        if (!bound)
        {
            return new(null, AssignmentError.AgencyNotAllowed);
        }

        var code = agencyCode.Trim().ToUpperInvariant();
        var agencyId = await db.Agencies.Where(a => a.Code == code).Select(a => (long?)a.Id).SingleOrDefaultAsync(ct);
        return agencyId is null ? new(null, AssignmentError.UnknownAgency) : new(new(role, agencyId, code), null);
    }

    /// <summary>Creates the user with one role, or nothing at all (a weak password or a taken name leaves no trace).</summary>
    public async Task<IdentityResult> CreateAsync(string userName, string displayName, RoleAssignment assignment, string password,
        string actorName, string? actorUserId, CancellationToken ct)
    {
        await EnsureRoleAsync(assignment.Role);
        var user = new StaffUser { UserName = userName, DisplayName = displayName, AgencyId = assignment.AgencyId };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded)
        {
            audit.Record(actorName, actorUserId, "user.create", userName, new { assignment.Role, agency = assignment.AgencyCode, displayName });
            result = await users.AddToRoleAsync(user, assignment.Role);
        }

        if (result.Succeeded)
        {
            await tx.CommitAsync(ct);
        }

        return result;
    }

    /// <summary>Changes the display name, the role (replacing any others) and the agency, in one transaction.</summary>
    public async Task<IdentityResult> UpdateAsync(StaffUser user, string displayName, RoleAssignment assignment,
        string actorName, string? actorUserId, CancellationToken ct)
    {
        await EnsureRoleAsync(assignment.Role);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var current = await users.GetRolesAsync(user);
        var moved = user.AgencyId != assignment.AgencyId || current.Count != 1 || current[0] != assignment.Role;
        (user.DisplayName, user.AgencyId) = (displayName, assignment.AgencyId);
        audit.Record(actorName, actorUserId, "user.update", user.UserName!, new { assignment.Role, agency = assignment.AgencyCode, displayName });
        var result = await users.RemoveFromRolesAsync(user, current.Where(r => r != assignment.Role));
        if (result.Succeeded && !current.Contains(assignment.Role))
        {
            result = await users.AddToRoleAsync(user, assignment.Role);
        }

        if (result.Succeeded && moved)
        {
            // A new role or agency: the user signs in again rather than work on with what they had.
            result = await users.UpdateSecurityStampAsync(user);
        }

        if (result.Succeeded)
        {
            await tx.CommitAsync(ct);
        }

        return result;
    }

    /// <summary>
    /// Disabled = locked out until the end of time: sign-in fails, and <see cref="StaffContext"/> refuses the
    /// user's existing cookie and tokens on their next request.
    /// </summary>
    public async Task SetEnabledAsync(StaffUser user, bool enabled, string actorName, string? actorUserId)
    {
        user.LockoutEnabled = true;
        audit.Record(actorName, actorUserId, enabled ? "user.enable" : "user.disable", user.UserName!);
        Check(await users.SetLockoutEndDateAsync(user, enabled ? null : StaffUser.DisabledUntil));
        Check(await users.UpdateSecurityStampAsync(user));
    }

    public static bool IsDisabled(StaffUser user) => user.LockoutEnd == StaffUser.DisabledUntil;

    /// <summary>For a lost phone: the second factor is off and the old key useless; the user enrols again.</summary>
    public async Task ResetSecondFactorAsync(StaffUser user, string actorName, string? actorUserId)
    {
        audit.Record(actorName, actorUserId, "user.2fa.reset", user.UserName!);
        Check(await users.SetTwoFactorEnabledAsync(user, false));
        Check(await users.ResetAuthenticatorKeyAsync(user));
    }

    /// <summary>Sets a new password chosen by an admin (checked by the password rules first).</summary>
    public async Task<IdentityResult> SetPasswordAsync(StaffUser user, string password, string actorName, string? actorUserId)
    {
        foreach (var validator in users.PasswordValidators)
        {
            var valid = await validator.ValidateAsync(users, user, password);
            if (!valid.Succeeded)
            {
                return valid;
            }
        }

        audit.Record(actorName, actorUserId, "user.password.set", user.UserName!);
        return await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password);
    }

    private async Task EnsureRoleAsync(string role)
    {
        if (await roles.RoleExistsAsync(role))
        {
            return;
        }

        try
        {
            Check(await roles.CreateAsync(new IdentityRole(role)));
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            // Another process (e.g. a second `user add` started at the same time) may have created it first.
            db.ChangeTracker.Clear();
            if (!await roles.RoleExistsAsync(role))
            {
                throw;
            }
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
