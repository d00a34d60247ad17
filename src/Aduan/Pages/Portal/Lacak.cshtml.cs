using Aduan.Complaints;
using Aduan.Infrastructure;
using Aduan.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Aduan.Pages.Portal;

/// <summary>
/// /lacak and /lacak/{code}: status, agency, deadline and public timeline for anyone with the code;
/// with the reporter key (from the link given at intake, or typed) also the reporter's messages, a
/// reply box, and accept or reject. The key is posted (typed, or filled by script from the link's
/// <c>#kunci=</c> fragment) and stays in a hidden field after, never in an address the page makes;
/// <c>?kunci=</c> still works for links made before.
/// </summary>
[EnableRateLimiting(RateLimits.Intake)]
[ServesKeptPage(typeof(KeptPublicView), "/lacak/")]
public sealed class LacakModel(PublicViewCache cache) : PortalPageModel
{
    // Asked for when used, not by the constructor: the busiest request, a kept view shown to anybody, needs neither.
    private ReporterActions Actions => HttpContext.RequestServices.GetRequiredService<ReporterActions>();

    private PublicComplaintViews Views => HttpContext.RequestServices.GetRequiredService<PublicComplaintViews>();

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    /// <summary>The reporter key, from <c>?kunci=</c> or the hidden field.</summary>
    [BindProperty(SupportsGet = true, Name = "kunci")]
    public string? Kunci { get; set; }

    [BindProperty]
    public string? ReplyText { get; set; }

    [BindProperty]
    public int? Rating { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    public PublicComplaintView? View { get; private set; }
    public int Supporters { get; private set; }
    public ComplaintStatus Status { get; private set; }
    public bool AsReporter { get; private set; }

    /// <summary>On the public register: anyone may follow it; otherwise only its reporter, with the key.</summary>
    public bool Published { get; private set; }

    public bool CanReply => AsReporter && ComplaintStateMachine.IsAllowed(Status, ComplaintAction.Reply);
    public bool CanAccept => AsReporter && ComplaintStateMachine.IsAllowed(Status, ComplaintAction.Accept);
    public bool CanReject => AsReporter && ComplaintStateMachine.IsAllowed(Status, ComplaintAction.Reject);

    public async Task<IActionResult> OnGetAsync()
    {
        if (Code is null)
        {
            return Page(); // the lookup form
        }

        if (!TrackingCode.TryNormalize(Code, out var code))
        {
            ShowError(nameof(Code), "Portal.Track.BadCode", TrackingCode.Example);
            return Page();
        }

        if (code != Code)
        {
            return Redirect("/lacak/" + code + (string.IsNullOrEmpty(Kunci) ? "" : "?kunci=" + Uri.EscapeDataString(Kunci)));
        }

        if (string.IsNullOrEmpty(Kunci))
        {
            // What anybody sees: the kept view, checked against the report (the JSON lookup's too).
            // Shown to most readers as rendered for the first (KeptPage): only the antiforgery token is theirs.
            if (await cache.StatusAsync(code, HttpContext.RequestServices, HttpContext.RequestAborted) is not { } kept)
            {
                return NotFoundPage();
            }

            var page = Show(kept);
            return cache.Keeps && KeptPage.IsShared(this, "/lacak/" + code) ? new KeptPageResult(kept) : page;
        }

        var complaint = await LoadAsync(code);
        return complaint is null ? NotFoundPage() : await ShowAsync(complaint);
    }

    /// <summary>The lookup form: posted, so a typed key stays out of addresses, logs and Referer headers.</summary>
    public async Task<IActionResult> OnPostFindAsync()
    {
        if (!TrackingCode.TryNormalize(Code, out var code))
        {
            ShowError(nameof(Code), "Portal.Track.BadCode", TrackingCode.Example);
            return Page();
        }

        if (string.IsNullOrWhiteSpace(Kunci))
        {
            return Redirect("/lacak/" + code);
        }

        Code = code;
        var complaint = await LoadAsync(code);
        return complaint is null ? NotFoundPage() : await ShowAsync(complaint);
    }

    /// <summary>"I am the reporter": the key typed on the report's page, or filled in from the link's fragment.</summary>
    public Task<IActionResult> OnPostKeyAsync() => OnPostFindAsync();

    public Task<IActionResult> OnPostReplyAsync() =>
        ActAsync((code, v, ct) => Actions.ReplyAsync(code, Kunci, ReplyText, v, ct), "ReplyText", "Portal.Track.Replied");

    public Task<IActionResult> OnPostAcceptAsync() =>
        ActAsync((code, v, ct) => Actions.FeedbackAsync(code, Kunci, new FeedbackRequest(true, Rating, Comment), v, ct), "", "Portal.Track.Accepted");

    public Task<IActionResult> OnPostRejectAsync() =>
        ActAsync((code, v, ct) => Actions.FeedbackAsync(code, Kunci, new FeedbackRequest(false, null, Comment), v, ct), "", "Portal.Track.Rejected");

    /// <summary>The same actions as the JSON API; the page is shown again with the key kept.</summary>
    /// <param name="textField">The form's name for the API's <c>text</c> field.</param>
    private async Task<IActionResult> ActAsync(Func<string, Validation, CancellationToken, Task<ActionOutcome>> act, string textField, string doneKey)
    {
        var ct = HttpContext.RequestAborted;
        if (!TrackingCode.TryNormalize(Code, out var code))
        {
            return NotFound();
        }

        var outcome = await act(code, NewValidation(), ct);
        switch (outcome.Refusal)
        {
            case null:
                ModelState.Clear();
                ReplyText = Comment = null;
                Rating = null;
                Flash = null;
                ViewData["Done"] = T[doneKey].Value;
                break;
            case ActionRefusal.NotFound:
                return NotFoundPage();
            case ActionRefusal.NotAllowedNow or ActionRefusal.Stale:
                ShowError("", "Portal.Track.NotNow");
                break;
            case ActionRefusal.Invalid:
                // The API's field names, as this form names them.
                foreach (var (field, messages) in outcome.Errors!.Errors)
                {
                    messages.ForEach(m => ModelState.AddModelError(field switch { "text" => textField, "rating" => "Rating", "comment" => "Comment", _ => field }, m));
                }

                break;
            default:
                ShowRefusal(outcome, "");
                break;
        }

        var complaint = await Views.FindAsync(code, ct);
        return complaint is null ? NotFoundPage() : await ShowAsync(complaint);
    }

    private Task<PublicComplaint?> LoadAsync(string code) => Views.FindAsync(code, HttpContext.RequestAborted);

    private async Task<IActionResult> ShowAsync(PublicComplaint complaint)
    {
        if (!string.IsNullOrEmpty(Kunci) && !ReporterKey.Matches(Kunci, complaint.ReporterKeyHash))
        {
            ShowError("kunci", "Portal.Track.BadKey");
            Kunci = null;
        }

        AsReporter = !string.IsNullOrEmpty(Kunci);
        return Show(await Views.ViewAsync(complaint, AsReporter, HttpContext.RequestAborted), complaint.Status, complaint.Privacy,
            complaint.Supporters);
    }

    private PageResult Show(KeptPublicView kept) => Show(kept.View, kept.Status, kept.Privacy, kept.Supporters);

    private PageResult Show(PublicComplaintView view, ComplaintStatus status, PrivacyMode privacy, int supporters)
    {
        View = view;
        Status = status;
        Supporters = supporters;
        Published = Transparency.Publication.IsPublished(status, privacy);
        return Page();
    }

    private PageResult NotFoundPage()
    {
        ShowError(nameof(Code), "Portal.Track.NotFound");
        HttpContext.Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
