using Aduan.Complaints;
using Aduan.Infrastructure;
using Aduan.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Pages.Portal;

/// <summary>
/// /lacak and /lacak/{code}: status, agency, deadline and public timeline for anyone with the code;
/// with the reporter key (from the link given at intake, or typed) also the reporter's messages, a
/// reply box, and accept or reject. The key stays in a hidden field after, never in an address the page makes.
/// </summary>
[EnableRateLimiting(RateLimits.Intake)]
public sealed class LacakModel(ComplaintWorkflow workflow, ComplaintPresenter presenter) : StaffPageModel
{
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
            ShowError(nameof(Code), "Portal.Track.BadCode");
            return Page();
        }

        if (code != Code)
        {
            return Redirect("/lacak/" + code + (string.IsNullOrEmpty(Kunci) ? "" : "?kunci=" + Uri.EscapeDataString(Kunci)));
        }

        var complaint = await LoadAsync(code);
        return complaint is null ? NotFoundPage() : await ShowAsync(complaint);
    }

    public Task<IActionResult> OnPostReplyAsync()
    {
        var v = NewValidation();
        var text = v.Text("ReplyText", ReplyText, 1, Complaint.MaxTextLength, required: true);
        return ActAsync(v, text is null ? null : new ReplyCommand(text), "Portal.Track.Replied");
    }

    public Task<IActionResult> OnPostAcceptAsync()
    {
        var v = NewValidation();
        var command = PublicComplaintsApi.FeedbackCommand(new FeedbackRequest(true, Rating, Comment), v);
        return ActAsync(v, command, "Portal.Track.Accepted");
    }

    public Task<IActionResult> OnPostRejectAsync()
    {
        var v = NewValidation();
        var command = PublicComplaintsApi.FeedbackCommand(new FeedbackRequest(false, null, Comment), v);
        return ActAsync(v, command, "Portal.Track.Rejected");
    }

    /// <summary>The same commands as the JSON API, through the state machine; the page is shown again with the key kept.</summary>
    private async Task<IActionResult> ActAsync(Validation v, ComplaintCommand? command, string doneKey)
    {
        var ct = HttpContext.RequestAborted;
        if (!TrackingCode.TryNormalize(Code, out var code))
        {
            return NotFound();
        }

        var complaint = await workflow.ForChange().SingleOrDefaultAsync(c => c.TrackingCode == code, ct);
        if (complaint is null)
        {
            return NotFoundPage();
        }

        if (!ReporterKey.Matches(Kunci, complaint.ReporterKeyHash))
        {
            ShowError("kunci", "Portal.Track.BadKey");
        }
        else if (command is null)
        {
            ShowErrors(v);
        }
        else
        {
            try
            {
                await workflow.ApplyAsync(complaint, command, Actor.Reporter, ct);
                ModelState.Clear();
                ReplyText = Comment = null;
                Rating = null;
                Flash = null;
                ViewData["Done"] = T[doneKey].Value;
            }
            catch (Exception e) when (e is InvalidTransitionException or DbUpdateConcurrencyException)
            {
                ShowError("", "Portal.Track.NotNow");
            }
        }

        return await ShowAsync(await LoadAsync(code) ?? complaint);
    }

    private Task<Complaint?> LoadAsync(string code) => workflow.ForPublic()
        .SingleOrDefaultAsync(c => c.TrackingCode == code, HttpContext.RequestAborted);

    private async Task<IActionResult> ShowAsync(Complaint complaint)
    {
        if (!string.IsNullOrEmpty(Kunci) && !ReporterKey.Matches(Kunci, complaint.ReporterKeyHash))
        {
            ShowError("kunci", "Portal.Track.BadKey");
            Kunci = null;
        }

        AsReporter = !string.IsNullOrEmpty(Kunci);
        Status = complaint.Status;
        Supporters = complaint.Supporters;
        View = await PublicComplaintsApi.PublicViewAsync(complaint, AsReporter, workflow, presenter, HttpContext.RequestAborted);
        return Page();
    }

    private PageResult NotFoundPage()
    {
        ShowError(nameof(Code), "Portal.Track.NotFound");
        HttpContext.Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
