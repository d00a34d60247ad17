using Aduan.Data;
using Aduan.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
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

    /// <summary>The workspace cookie's record of when its user signed in (it survives the cookie's renewals).</summary>
    private const string SignedInAtItem = "aduan.signed-in-at";

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

                // The sliding cookie keeps the instant of the sign-in itself, for the absolute lifetime. A refresh
                // of the same session (RefreshSignInAsync passes the cookie's own properties) keeps the first
                // instant: refreshing never extends the lifetime.
                o.Events.OnSigningIn = context =>
                {
                    var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                    context.Properties.Items.TryAdd(SignedInAtItem, now.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                    return Task.CompletedTask;
                };

                // A user deleted, disabled or revoked (see StaffContext) since signing in, or signed in longer
                // ago than the session lifetime, is signed out on the next request.
                o.Events.OnValidatePrincipal = async context =>
                {
                    var services = context.HttpContext.RequestServices;
                    var staff = services.GetRequiredService<StaffContext>();
                    var lifetime = services.GetRequiredService<IOptions<AduanOptions>>().Value.SessionLifetime;
                    var expired = !context.Properties.Items.TryGetValue(SignedInAtItem, out var at)
                        || !DateTimeOffset.TryParse(at, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var signedInAt)
                        || services.GetRequiredService<TimeProvider>().GetUtcNow() - signedInAt > lifetime;
                    if (expired || await staff.GetAsync(context.Principal, context.HttpContext.RequestAborted) is null)
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
        services.AddOptions<BearerTokenOptions>(IdentityConstants.BearerScheme)
            .Configure<IOptions<AduanOptions>>((o, aduan) =>
            {
                o.BearerTokenExpiration = aduan.Value.AccessTokenLifetime;
                o.Events.OnMessageReceived = ValidateBearerTokenAsync;
            });

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
                // Wrong passwords are slowed down by SignInThrottle, not locked out; this lockout counts only
                // wrong second-factor codes, which only someone who knows the password can send.
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AduanDbContext>()
            .AddSignInManager<StaffSignInManager>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneTimeAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddOptions<SignInThrottleOptions>().BindConfiguration(SignInThrottleOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SignInThrottle>();
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

    /// <summary>
    /// Reads the bearer token as the handler would, and also refuses it (401) when its user is disabled,
    /// deleted or revoked (signed out, new password, new role or agency: see <see cref="StaffContext"/>).
    /// </summary>
    private static async Task ValidateBearerTokenAsync(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return; // no token: the handler answers "no result"
        }

        var ticket = context.Options.BearerTokenProtector.Unprotect(header["Bearer ".Length..].Trim());
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (ticket?.Properties.ExpiresUtc is not { } expires || expires < now)
        {
            context.Fail("The token is not valid or has expired.");
            return;
        }

        var staff = context.HttpContext.RequestServices.GetRequiredService<StaffContext>();
        if (await staff.GetAsync(ticket.Principal, context.HttpContext.RequestAborted) is null)
        {
            context.Fail("The token has been revoked.");
            return;
        }

        context.Principal = ticket.Principal;
        context.Properties = ticket.Properties;
        context.Success();
    }

    public static RouteGroupBuilder MapAdminGroup(this IEndpointRouteBuilder app, string prefix) =>
        app.MapGroup(prefix).WithTags("Admin").RequireAuthorization(AdminPolicy).AddEndpointFilter<RequireStaffMember>();
}
