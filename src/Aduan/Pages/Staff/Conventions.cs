using Aduan.Identity;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Aduan.Pages.Staff;

/// <summary>The workspace under /staff: signed in with the staff cookie, except the pages that sign in.</summary>
public static class Conventions
{
    public const string SignInPath = "/staff/account/signin";
    public const string EnrolPath = "/staff/account/authenticator";

    /// <summary>Pages a visitor reaches before being signed in.</summary>
    private static readonly string[] AnonymousPages =
        ["/Staff/Account/SignIn", "/Staff/Account/SecondFactor", "/Staff/Account/Recovery", "/Staff/Account/SignOut"];

    /// <summary>Account pages that still need the second factor where it is required.</summary>
    private static readonly string[] NeedSecondFactor = ["/Staff/Account/Notifications"];

    public static void AddStaffConventions(this PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/Staff", AuthSetup.PagesPolicy);

        // Signing in and enrolling the second factor: the one place a user who must enrol may open. Not the
        // account's notification settings: where the work goes is changed only with the second factor.
        conventions.AddFolderApplicationModelConvention("/Staff/Account", model =>
        {
            if (!NeedSecondFactor.Contains(model.ViewEnginePath, StringComparer.OrdinalIgnoreCase))
            {
                model.EndpointMetadata.Add(new AllowWithoutSecondFactorAttribute());
            }
        });
        foreach (var page in AnonymousPages)
        {
            conventions.AllowAnonymousToPage(page);
        }
    }
}
