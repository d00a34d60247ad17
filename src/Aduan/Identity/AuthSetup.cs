using Aduan.Data;
using Aduan.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Aduan.Identity;

public static class AuthSetup
{
    public const string StaffPolicy = "Staff";

    /// <summary>Roles that work on reports; Admin manages the system, not cases, and gets 403 there.</summary>
    public const string CaseworkPolicy = "Casework";

    public const string AdminPolicy = "Admin";

    /// <summary>Staff pages: signed in with the workspace cookie (the JSON API uses bearer tokens only).</summary>
    public const string PagesPolicy = "StaffPages";

    public const string AdminPagesPolicy = "AdminPages";

    /// <summary>
    /// Identity for staff. The JSON API takes ASP.NET Core's bearer tokens (protected by data
    /// protection, so a token stays valid across restarts and instances); the workspace pages take
    /// Identity's cookie, with its second-factor cookies. Neither scheme is accepted where the other
    /// belongs: a cookie never authorizes an API call (no cross-site requests by a browser).
    /// </summary>
    public const string DefaultScheme = "Aduan";

    public static IServiceCollection AddAduanIdentity(this IServiceCollection services)
    {
        services.AddOptions<TwoFactorOptions>().BindConfiguration(TwoFactorOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.RequiredRoles.All(r => Roles.All.Contains(r)), $"Aduan:TwoFactor:RequiredFor names an unknown role; known: {string.Join(", ", Roles.All)}")
            .ValidateOnStart();
        services.AddAuthentication(DefaultScheme)
            .AddPolicyScheme(DefaultScheme, "Bearer tokens under /api, the workspace cookie elsewhere", o =>
                o.ForwardDefaultSelector = context => context.Request.Path.StartsWithSegments("/api")
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.Cookie.Name = "aduan.staff";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/staff/account/signin";
                o.LogoutPath = "/staff/account/signout";
                o.ExpireTimeSpan = TimeSpan.FromHours(10);
                o.SlidingExpiration = true;

                // A signed-in user without the role gets a plain 403 page, not a redirect.
                o.Events.OnRedirectToAccessDenied = Web.ErrorPages.ForbidAsync;

                // A user deleted or disabled since signing in is signed out on the next request.
                o.Events.OnValidatePrincipal = async context =>
                {
                    var staff = context.HttpContext.RequestServices.GetRequiredService<StaffContext>();
                    if (await staff.GetAsync(context.Principal, context.HttpContext.RequestAborted) is null)
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    }
                };
            })
            .AddCookie(IdentityConstants.TwoFactorUserIdScheme, o =>
            {
                o.Cookie.Name = "aduan.2fa";
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddCookie(IdentityConstants.TwoFactorRememberMeScheme, o => o.Cookie.Name = "aduan.2fa-remember");
        services.AddOptions<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions>(IdentityConstants.BearerScheme)
            .Configure<IOptions<AduanOptions>>((o, aduan) => o.BearerTokenExpiration = aduan.Value.AccessTokenLifetime);
        // Every staff policy, and the default one, carries the second-factor rule: one rule for pages,
        // cookies and tokens, enforced before any endpoint runs (SecondFactor.cs).
        services.AddScoped<IAuthorizationHandler, SecondFactorHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, SecondFactorResultHandler>();
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(SecondFactorRequirement.Instance).Build())
            .AddPolicy(StaffPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.All).AddRequirements(SecondFactorRequirement.Instance))
            .AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin).AddRequirements(SecondFactorRequirement.Instance))
            .AddPolicy(CaseworkPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.All.Where(r => r != Roles.Admin))
                .AddRequirements(SecondFactorRequirement.Instance))
            .AddPolicy(PagesPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser().RequireRole(Roles.All).AddRequirements(SecondFactorRequirement.Instance))
            .AddPolicy(AdminPagesPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser().RequireRole(Roles.Admin).AddRequirements(SecondFactorRequirement.Instance));
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
        services.AddScoped<Microsoft.AspNetCore.Authentication.IClaimsTransformation, CurrentRoles>();
        services.AddScoped<StaffAccounts>();
        return services;
    }

    /// <summary>A group of admin endpoints: the Admin role, and a user who still exists and is enabled.</summary>
    /// <summary><c>/api/v1/auth</c>: sign-in for the API and who am I; the pages sign in at /staff/account.</summary>
    public static IEndpointRouteBuilder MapIdentity(this IEndpointRouteBuilder app)
    {
        app.MapAuthApi();
        return app;
    }

    public static RouteGroupBuilder MapAdminGroup(this IEndpointRouteBuilder app, string prefix) =>
        app.MapGroup(prefix).WithTags("Admin").RequireAuthorization(AdminPolicy).AddEndpointFilter<RequireStaffMember>();
}
