using Aduan.Complaints;
using Aduan.Infrastructure;
using Aduan.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aduan.Web;

/// <summary>Base of every page, citizen or staff: texts, the flash message, and form errors.</summary>
public abstract class AduanPageModel : PageModel
{
    private IStringLocalizer<SharedResource>? _t;

    protected IStringLocalizer<SharedResource> T => _t ??= HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();

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

    /// <summary>
    /// The pages' one translation of a refused action into form messages (the JSON API's is
    /// <see cref="ActionProblems"/>): field errors beside their fields (<paramref name="prefix"/> + the
    /// API's field name), the rest at the top of the form. <paramref name="action"/> is the action's label.
    /// </summary>
    protected void ShowRefusal(ActionOutcome outcome, string action, string prefix = "")
    {
        switch (outcome.Refusal)
        {
            case ActionRefusal.Invalid:
                ShowErrors(outcome.Errors!, prefix);
                break;
            case ActionRefusal.WrongKey:
                ShowError("kunci", "Portal.Track.BadKey");
                break;
            case ActionRefusal.Forbidden:
                ShowError(string.Empty, outcome.ReasonKey!, action);
                break;
            case ActionRefusal.Rule:
                ShowError(string.Empty, outcome.ReasonKey!, [.. outcome.ReasonArgs]);
                break;
            case ActionRefusal.NotAllowedNow:
                ShowError(string.Empty, "Problem.InvalidTransition.Detail", action, T["Status." + outcome.Transition!.Status], "–");
                break;
            case ActionRefusal.Stale:
                ShowError(string.Empty, "Problem.StaleUnknown.Detail");
                break;
            case ActionRefusal.NotFound:
                ShowError(string.Empty, "Problem.NotFound.Title");
                break;
        }
    }
}
