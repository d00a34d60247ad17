using System.Security.Claims;
using Aduan.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Identity;

/// <summary>The signed-in staff user as read from the database on this request (so a disabled or moved user loses access at once).</summary>
public sealed record StaffMember(string UserId, string Name, IReadOnlySet<string> Roles, long? AgencyId, string? AgencyCode,
    bool TwoFactorEnabled = false)
{
    public bool IsIn(string role) => Roles.Contains(role);

    /// <summary>Roles that see every report of the city.</summary>
    public bool IsCityWide => IsIn(Identity.Roles.Manager) || IsIn(Identity.Roles.Leadership) || IsIn(Identity.Roles.Operator);
}

/// <summary>Resolves <see cref="StaffMember"/> for the current request, once.</summary>
public sealed class StaffContext(IHttpContextAccessor http, AduanDbContext db, IOptions<IdentityOptions> identity)
{
    private StaffMember? _member;
    private bool _loaded;

    public Task<StaffMember?> GetAsync(CancellationToken ct) => GetAsync(http.HttpContext?.User, ct);

    /// <summary>The member behind this principal (read once per request).</summary>
    public async Task<StaffMember?> GetAsync(ClaimsPrincipal? principal, CancellationToken ct)
    {
        if (_loaded)
        {
            return _member;
        }

        var userId = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return null;
        }

        _loaded = true;

        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.AgencyId, AgencyCode = u.Agency!.Code, u.LockoutEnd, u.TwoFactorEnabled, u.SecurityStamp })
            .SingleOrDefaultAsync(ct);
        if (user is null || user.LockoutEnd == StaffUser.DisabledUntil)
        {
            return null; // deleted or disabled since the token was issued
        }

        // Signing out, a new password, a role or agency change, a reset second factor: each renews the
        // stamp, so every cookie and token issued before is refused from the next request on.
        if (principal!.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) is not { } stamp || stamp != user.SecurityStamp)
        {
            return null;
        }

        var roles = await (from ur in db.Set<IdentityUserRole<string>>()
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == userId
                           select r.Name!).ToListAsync(ct);
        _member = new StaffMember(user.Id, user.DisplayName ?? user.UserName ?? user.Id, roles.ToHashSet(), user.AgencyId,
            user.AgencyId is null ? null : user.AgencyCode, user.TwoFactorEnabled);
        return _member;
    }
}

/// <summary>
/// Roles are what the database says now, not what the cookie or token said at sign-in: a role
/// removed by an admin stops working on the next request.
/// </summary>
public sealed class CurrentRoles(StaffContext staffContext) : Microsoft.AspNetCore.Authentication.IClaimsTransformation
{
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } identity)
        {
            return principal;
        }

        var member = await staffContext.GetAsync(principal, CancellationToken.None);
        if (member is null)
        {
            // A staff sign-in whose user is disabled, deleted or revoked (signed out, new password, ...): the
            // request is anonymous, whatever the cookie or token said. (The second-factor step's own cookie
            // names no staff member: it passes unchanged.)
            return identity.HasClaim(c => c.Type == ClaimTypes.NameIdentifier) ? new ClaimsPrincipal(new ClaimsIdentity()) : principal;
        }

        var current = new ClaimsIdentity(identity.Claims.Where(c => c.Type != identity.RoleClaimType),
            identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType);
        foreach (var role in member.Roles)
        {
            current.AddClaim(new Claim(identity.RoleClaimType, role));
        }

        return new ClaimsPrincipal(current);
    }
}
