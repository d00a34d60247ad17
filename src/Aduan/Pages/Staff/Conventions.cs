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

    public static void AddStaffConventions(this PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/Staff", AuthSetup.PagesPolicy);

        // Signing in and enrolling the second factor: the one place a user who must enrol may open.
        conventions.AddFolderApplicationModelConvention("/Staff/Account",
            model => model.EndpointMetadata.Add(new AllowWithoutSecondFactorAttribute()));
        foreach (var page in AnonymousPages)
        {
            conventions.AllowAnonymousToPage(page);
        }
    }
}
