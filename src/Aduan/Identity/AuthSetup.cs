using Aduan.Data;
using Aduan.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Aduan.Identity;

public static class AuthSetup
{
    public const string StaffPolicy = "Staff";

    /// <summary>Roles that work on reports; Admin manages the system, not cases, and gets 403 there.</summary>
    public const string CaseworkPolicy = "Casework";

    public const string AdminPolicy = "Admin";

    /// <summary>
    /// Identity for staff with ASP.NET Core's bearer tokens (protected by data protection, so a
    /// token stays valid across restarts while the keys in the data directory are kept).
    /// </summary>
    public static IServiceCollection AddAduanIdentity(this IServiceCollection services)
    {
        services.AddAuthentication(IdentityConstants.BearerScheme).AddBearerToken(IdentityConstants.BearerScheme);
        services.AddOptions<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions>(IdentityConstants.BearerScheme)
            .Configure<IOptions<AduanOptions>>((o, aduan) => o.BearerTokenExpiration = aduan.Value.AccessTokenLifetime);
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.All))
            .AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin))
            .AddPolicy(CaseworkPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.All.Where(r => r != Roles.Admin)));
        services.AddIdentityCore<StaffUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AduanDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddScoped<StaffContext>();
        return services;
    }

    /// <summary>A group of admin endpoints: the Admin role, and a user who still exists and is enabled.</summary>
    public static RouteGroupBuilder MapAdminGroup(this IEndpointRouteBuilder app, string prefix) =>
        app.MapGroup(prefix).WithTags("Admin").RequireAuthorization(AdminPolicy).AddEndpointFilter<RequireStaffMember>();
}
