using Aduan.Agencies;
using Aduan.Attachments;
using Aduan.Categories;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Identity;
using Aduan.Triage;
using Aduan.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Pages.Staff.Reports;

/// <summary>A photo of the report, as listed (its bytes come from /staff/attachments/{publicId}).</summary>
public sealed record PhotoItem(string PublicId, int EventSequence, string FileName);

/// <summary>The fields of every action form; each action reads the ones it needs.</summary>
public sealed class ActionForm
{
    public int? Version { get; set; }
    public string? Category { get; set; }
    public ComplaintKind? Kind { get; set; }
    public PrivacyMode? Privacy { get; set; }
    public Priority? Priority { get; set; }
    public string? Question { get; set; }
    public string? Reason { get; set; }
    public string? Primary { get; set; }
    public string? Agency { get; set; }
    public List<string> Copies { get; set; } = [];
    public string? Note { get; set; }
    public string? Text { get; set; }
    public bool Final { get; set; }
    public bool OnSite { get; set; }

    public TransitionRequest ToRequest(string action) => new(action, Category, Kind, Privacy, Priority, Question, Reason, Primary,
        Agency, Copies.Where(c => !string.IsNullOrWhiteSpace(c)).ToList(), Note, Text, Final, Version, OnSite);
}

/// <summary>
/// The report page shared by all staff: text, deadlines, full timeline, photos, reporter details
/// for those allowed, and the forms of exactly the actions this user may take now.
/// </summary>
[RequestSizeLimit(MaxUpload)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUpload)]
public sealed class DetailModel(AduanDbContext db, ComplaintWorkflow workflow, ComplaintPresenter presenter, StaffActions actions,
    ImageUploads uploads, AgencyDirectory agencies, CategoryCatalog categories, SimilarReports similar, TriageSuggestions suggestions, TimeProvider time,
    Microsoft.Extensions.Options.IOptions<Aduan.Sla.SlaOptions> sla) : StaffPageModel
{
    /// <summary>Photos per follow-up times their size, and room for the other fields.</summary>
    private const long MaxUpload = 60L * 1024 * 1024;

    [BindProperty]
    public ActionForm Form { get; set; } = new();

    [BindProperty]
    public List<IFormFile> Photos { get; set; } = [];

    public StaffComplaintView Report { get; private set; } = null!;
    public IReadOnlyList<PhotoItem> PhotoItems { get; private set; } = [];
    public IReadOnlyList<RelatedReport> Earlier { get; private set; } = [];
    public IReadOnlyList<DuplicateCandidate> Duplicates { get; private set; } = [];
    public IReadOnlyList<AgencyDirectory.Entry> Agencies { get; private set; } = [];
    public IReadOnlyList<Category> CategoryList { get; private set; } = [];
    public string? DefaultAgency { get; private set; }

    /// <summary>The desk's suggestion for a report waiting for verification; null elsewhere.</summary>
    public TriageSuggestion? Suggestion { get; private set; }
    public string? StaleBy { get; private set; }

    /// <summary>Which action's form failed validation, so it is shown open.</summary>
    public string? FailedAction { get; private set; }

    /// <summary>The error summary's links to the failed action's fields, by the ids this page gives them.</summary>
    public IReadOnlyDictionary<string, string> ErrorFieldIds => FailedAction switch
    {
        null => new Dictionary<string, string>(),
        "verify" => new Dictionary<string, string> { ["Form.Category"] = "v-category", ["Form.Privacy"] = "v-privacy", ["Form.Agency"] = "verify-agency" },
        "classify" => new Dictionary<string, string> { ["Form.Category"] = "c-category", ["Form.Privacy"] = "c-privacy" },
        var act => new Dictionary<string, string>
        {
            ["Form.Question"] = act + "-q", ["Form.Reason"] = act + "-r", ["Form.Primary"] = act + "-p", ["Form.Agency"] = act + "-a",
            ["Form.Text"] = act + "-t", ["Photos"] = act + "-ph",
        },
    };

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>An urgent report's final follow-up needs a photo (<see cref="Aduan.Sla.SlaOptions.UrgentProofPhoto"/>).</summary>
    public bool ProofPhoto => sla.Value.UrgentProofPhoto;

    public bool Can(string action) => Report.AllowedActions.Contains(action);

    public async Task<IActionResult> OnGetAsync(string code) => await LoadAsync(code) ? Page() : NotFound();

    /// <summary>Any action of the state machine, by its API name (e.g. dispatch, follow-up).</summary>
    public async Task<IActionResult> OnPostActAsync(string code, string act)
    {
        if (!TransitionCommands.ByApiName.TryGetValue(act ?? "", out var action) || !TrackingCode.TryNormalize(code, out var normalized))
        {
            return NotFound();
        }

        // Photos are this page's own field (not the action's): their errors stand beside the file input.
        // They are read only once the report is in the user's scope and the action is theirs to take.
        var photoErrors = NewValidation();
        async Task<IReadOnlyList<StoredImage>?> ReadPhotosAsync(bool required, CancellationToken ct)
        {
            var photos = await uploads.ReadAsync(Photos, nameof(Photos), photoErrors, ct);
            if (required && photoErrors.IsValid && photos.Count == 0)
            {
                photoErrors.Add(nameof(Photos), "Field.ProofPhotoRequired");
            }

            return photoErrors.IsValid ? photos : null;
        }

        var outcome = await actions.TakeAsync(Staff, normalized, action, Form.ToRequest(act!), NewValidation(), HttpContext.RequestAborted,
            ReadPhotosAsync);
        ShowErrors(photoErrors);
        return await AfterAsync(normalized, act!, outcome);
    }

    /// <summary>The desk's one-click verification: the classification as set in the form and the dispatch, in one transaction; then the next report.</summary>
    public async Task<IActionResult> OnPostVerifyAsync(string code)
    {
        if (!TrackingCode.TryNormalize(code, out var normalized))
        {
            return NotFound();
        }

        var outcome = await actions.TakeAsync(Staff, normalized, ComplaintAction.Verify, Form.ToRequest("verify"), NewValidation(),
            HttpContext.RequestAborted);
        if (outcome.Refusal is null)
        {
            Flash = T["Desk.Dispatched", normalized, outcome.Complaint!.LeadAgency?.Code ?? ""];
            return RedirectToPage("/Staff/Desk", "Next");
        }

        return await AfterAsync(normalized, "verify", outcome);
    }

    private async Task<IActionResult> AfterAsync(string code, string act, ActionOutcome outcome)
    {
        switch (outcome.Refusal)
        {
            case null:
                Flash = act == "follow-up" && Form.OnSite && outcome.Complaint!.OnSiteAt is { } onSite
                    ? T["Urc.OnSiteRecorded", code, Display.Time(onSite)]
                    : T["Action.Done", T["Action." + act]];
                return Request.Query["return"].ToString() switch
                {
                    "urc" => Redirect("/staff/urc"),
                    "queue" => Redirect("/staff/queue"),
                    _ => RedirectToPage(new { code }),
                };
            case ActionRefusal.NotFound:
                return NotFound();
            case ActionRefusal.Stale:
                var id = await db.Complaints.Where(c => c.TrackingCode == code).Select(c => c.Id).SingleAsync();
                StaleBy = await actions.LastChangedByAsync(id, HttpContext.RequestAborted) ?? "?";
                break;
            default:
                ShowRefusal(outcome, T["Action." + act], "Form.");
                break;
        }

        FailedAction = act;
        return await LoadAsync(code) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string code)
    {
        var ct = HttpContext.RequestAborted;
        if (!TrackingCode.TryNormalize(code, out var normalized))
        {
            return false;
        }

        var complaint = await db.Complaints.AsNoTracking().VisibleTo(Staff)
            .Include(c => c.Category).ThenInclude(k => k!.DefaultAgency).Include(c => c.Assignments).Include(c => c.Clocks)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.TrackingCode == normalized, ct);
        if (complaint is null)
        {
            return false;
        }

        var events = await workflow.EventsAsync(complaint.Id, [EventVisibility.Public, EventVisibility.Reporter, EventVisibility.Staff], ct);
        Report = await presenter.StaffViewAsync(complaint, events, await workflow.TrackingCodeOfAsync(complaint.MergedIntoId, ct), Staff, ct);
        PhotoItems = await db.Attachments.Where(a => a.ComplaintId == complaint.Id).OrderBy(a => a.Id)
            .Select(a => new PhotoItem(a.PublicId, a.EventSequence, a.FileName)).ToListAsync(ct);
        Agencies = (await agencies.GetAsync(ct)).Values.Where(a => a.IsActive).OrderBy(a => a.Kind == "kecamatan").ThenBy(a => a.Name).ToList();
        CategoryList = await categories.ActiveAsync(ct);
        DefaultAgency = complaint.Category?.DefaultAgency?.Code;
        if (Staff.IsIn(Roles.Manager) && complaint.Status == ComplaintStatus.Submitted)
        {
            Suggestion = await suggestions.SuggestAsync(complaint.Title, complaint.Text, complaint.Location.Kecamatan, complaint.Channel, ct);
        }

        if (ModelState.IsValid && StaleBy is null)
        {
            // The suggestion is pre-selected where the reporter chose no category; a reporter's choice stays
            // selected (the suggestion stands beside it), and the agency follows the selected category's.
            var category = complaint.Category?.Code ?? Suggestion?.Category?.Label;
            var agency = DefaultAgency;
            if (Suggestion is { } s && string.Equals(category, s.Category?.Label, StringComparison.OrdinalIgnoreCase))
            {
                agency = s.Agency?.Label ?? agency;
            }

            Form = new ActionForm
            {
                Version = complaint.Version, Category = category, Kind = complaint.Kind, Privacy = complaint.Privacy,
                Priority = complaint.Priority, Agency = agency,
            };
        }
        else
        {
            Form.Version = StaleBy is null ? complaint.Version : Form.Version;
        }

        if (Staff.IsIn(Roles.Manager) && complaint.Status == ComplaintStatus.Submitted)
        {
            Earlier = await similar.SameReporterAsync(complaint, ct);
            Duplicates = await similar.LikelyDuplicatesAsync(complaint, ct);
        }

        return true;
    }

}
