using Aduan.Identity;
using Aduan.Infrastructure;
using Aduan.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aduan.Web;

/// <summary>Base of the workspace's pages: the signed-in staff member, texts, and form errors.</summary>
public abstract class StaffPageModel : PageModel
{
    private IStringLocalizer<SharedResource>? _t;

    protected IStringLocalizer<SharedResource> T => _t ??= HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();

    /// <summary>Set by <see cref="StaffPageFilter"/> on pages that require a signed-in user.</summary>
    public StaffMember Staff => (StaffMember)HttpContext.Items[typeof(StaffMember)]!;

    public StaffMember? StaffOrNull => HttpContext.Items[typeof(StaffMember)] as StaffMember;

    /// <summary>A message shown once at the top of the next page (after a redirect).</summary>
    [TempData]
    public string? Flash { get; set; }

    protected Validation NewValidation() => new(T);

    /// <summary>Copies the validation's messages to the form: each beside its field (names as in the form).</summary>
    protected void ShowErrors(Validation v, string prefix = "")
    {
        foreach (var (field, messages) in v.Errors)
        {
            foreach (var message in messages)
            {
                ModelState.AddModelError(prefix + field, message);
            }
        }
    }

    protected void ShowError(string field, string messageKey, params object[] args) =>
        ModelState.AddModelError(field, T[messageKey, args]);
}
