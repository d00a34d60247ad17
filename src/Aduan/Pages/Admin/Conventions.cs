using Aduan.Identity;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Aduan.Pages.Admin;

/// <summary>The system administration under /admin: admins only, signed in with the staff cookie.</summary>
public static class Conventions
{
    public static void AddAdminConventions(this PageConventionCollection conventions) =>
        conventions.AuthorizeFolder("/Admin", AuthSetup.AdminPagesPolicy);
}
