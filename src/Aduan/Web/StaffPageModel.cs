using Aduan.Identity;

namespace Aduan.Web;

/// <summary>Base of the workspace's pages (/staff, /admin): the signed-in staff member.</summary>
public abstract class StaffPageModel : AduanPageModel
{
    /// <summary>Set by <see cref="Pages.Staff.StaffPageFilter"/> on pages that require a signed-in user.</summary>
    public StaffMember Staff => (StaffMember)HttpContext.Items[typeof(StaffMember)]!;

    public StaffMember? StaffOrNull => HttpContext.Items[typeof(StaffMember)] as StaffMember;
}
