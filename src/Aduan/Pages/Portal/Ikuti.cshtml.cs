using Aduan.Complaints;
using Aduan.Following;
using Aduan.Infrastructure;
using Aduan.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Aduan.Pages.Portal;

/// <summary>
/// Following a report: the follow form posts here (from /laporan/{code} and /lacak/{code}), and the
/// links in the messages land here: <c>/ikuti/konfirmasi/{token}</c> and <c>/ikuti/berhenti/{token}</c>.
/// A link's GET only shows a button; its POST confirms or stops, as mail scanners open every link.
/// </summary>
[EnableRateLimiting(RateLimits.Intake)]
public sealed class IkutiModel(Followers followers) : PortalPageModel
{
    public const string Confirm = "konfirmasi";
    public const string Stop = "berhenti";

    [BindProperty(SupportsGet = true)]
    public string? Step { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public string? Contact { get; set; }

    /// <summary>The reporter key, when the reporter follows their own report from /lacak.</summary>
    [BindProperty(Name = "kunci")]
    public string? Kunci { get; set; }

    /// <summary>Which page the form was on ("lacak" or "laporan"): where to go back to, never a free address.</summary>
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    /// <summary>The follower a link names; null on the form or when the link is no longer valid.</summary>
    public FollowerLink? Link { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Step is Confirm or Stop)
        {
            Link = await followers.FindAsync(Token, HttpContext.RequestAborted);
            return Page();
        }

        return TrackingCode.TryNormalize(Code, out var code) ? Redirect(Back(code)) : NotFound();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var v = NewValidation();
        var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var result = await followers.FollowAsync(Code, Contact, Kunci, language, v, ct);
        switch (result)
        {
            case FollowResult.Asked:
                TrackingCode.TryNormalize(Code, out var code);
                Flash = T[Contact!.Contains('@', StringComparison.Ordinal) ? "Follow.CheckEmail" : "Follow.CheckSms"];
                return Redirect(Back(code!));
            case FollowResult.Invalid:
                // Whatever the contact's parser called the field, the form has one.
                foreach (var message in v.Errors.Values.SelectMany(m => m))
                {
                    ModelState.AddModelError(nameof(Contact), message);
                }

                return Page();
            case FollowResult.Full:
                ShowError(nameof(Contact), "Follow.Full");
                return Page();
            default:
                return NotFound();
        }
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        if (!await followers.ConfirmAsync(Token, HttpContext.RequestAborted))
        {
            return Redirect($"/ikuti/{Confirm}/{Uri.EscapeDataString(Token ?? "")}"); // shows why: expired or unknown
        }

        Flash = T["Follow.Confirmed"];
        return Redirect($"/ikuti/{Confirm}/{Uri.EscapeDataString(Token!)}");
    }

    public async Task<IActionResult> OnPostStopAsync()
    {
        var ct = HttpContext.RequestAborted;
        var link = await followers.FindAsync(Token, ct);
        await followers.StopAsync(Token, ct);
        Flash = T["Follow.Stopped"];
        return Redirect(link is null ? "/lacak" : "/lacak/" + link.TrackingCode);
    }

    private string Back(string code) => (From == "laporan" ? "/laporan/" : "/lacak/") + code;
}
