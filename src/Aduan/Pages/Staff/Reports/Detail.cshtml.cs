using Aduan.Agencies;
using Aduan.Attachments;
using Aduan.Categories;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Identity;
using Aduan.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Pages.Staff.Reports;

/// <summary>A photo of the report, as listed (its bytes come from /staff/attachments/{id}).</summary>
public sealed record PhotoItem(long Id, int EventSequence, string FileName);

/// <summary>Another report shown beside this one (the reporter's earlier ones, possible duplicates).</summary>
public sealed record RelatedReport(string TrackingCode, string Excerpt, ComplaintStatus Status, DateTimeOffset SubmittedAt)
{
    /// <summary>The newest <paramref name="count"/> reports of the query, as listed beside a report or in a look-up.</summary>
    public static Task<List<RelatedReport>> LatestAsync(IQueryable<Complaint> q, int count, CancellationToken ct) =>
        q.OrderByDescending(o => o.SubmittedAt).Take(count)
            .Select(o => new RelatedReport(o.TrackingCode, o.Text.Substring(0, 120), o.Status, o.SubmittedAt)).ToListAsync(ct);
}

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
    ImageUploads uploads, AgencyDirectory agencies, CategoryCatalog categories, TimeProvider time) : StaffPageModel
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
    public IReadOnlyList<RelatedReport> Duplicates { get; private set; } = [];
    public IReadOnlyList<AgencyDirectory.Entry> Agencies { get; private set; } = [];
    public IReadOnlyList<Category> CategoryList { get; private set; } = [];
    public string? DefaultAgency { get; private set; }
    public string? StaleBy { get; private set; }

    /// <summary>Which action's form failed validation, so it is shown open.</summary>
    public string? FailedAction { get; private set; }

    public DateTimeOffset Now => time.GetUtcNow();

    public bool Can(string action) => Report.AllowedActions.Contains(action);

    public async Task<IActionResult> OnGetAsync(string code) => await LoadAsync(code) ? Page() : NotFound();

    /// <summary>Any action of the state machine, by its API name (e.g. dispatch, follow-up).</summary>
    public async Task<IActionResult> OnPostActAsync(string code, string act)
    {
        if (!TransitionCommands.ByApiName.TryGetValue(act ?? "", out var action) || !TrackingCode.TryNormalize(code, out var normalized))
        {
            return NotFound();
        }

        var v = NewValidation();
        var photoErrors = NewValidation();
        var photos = action == ComplaintAction.FollowUp ? await uploads.ReadAsync(Photos, nameof(Photos), photoErrors, HttpContext.RequestAborted) : null;
        ShowErrors(photoErrors);
        var outcome = photoErrors.IsValid
            ? await RefusalsAsOutcomeAsync(() => actions.TakeAsync(Staff, normalized, action, Form.ToRequest(act!), v, HttpContext.RequestAborted, photos))
            : ActionOutcome.Refused(ActionRefusal.Invalid);

        return await AfterAsync(normalized, act!, outcome, v);
    }

    /// <summary>The desk's one-click verification: classification as set in the form, then dispatch; then the next report.</summary>
    public async Task<IActionResult> OnPostVerifyAsync(string code)
    {
        if (!TrackingCode.TryNormalize(code, out var normalized))
        {
            return NotFound();
        }

        var v = NewValidation();
        var outcome = await RefusalsAsOutcomeAsync(async () =>
        {
            ActionOutcome result;
            var current = await db.Complaints.AsNoTracking().Where(c => c.TrackingCode == normalized)
                .Select(c => new { c.Kind, c.Privacy, c.Priority, Category = c.Category!.Code }).SingleOrDefaultAsync();
            var changed = current is not null && (Form.Kind != current.Kind || Form.Privacy != current.Privacy
                || Form.Priority != current.Priority || !string.Equals(Form.Category, current.Category, StringComparison.OrdinalIgnoreCase));
            result = ActionOutcome.Refused(ActionRefusal.NotFound);
            if (current is not null && changed)
            {
                var classify = new TransitionRequest("classify", Form.Category, Form.Kind, Form.Privacy, Form.Priority, Version: Form.Version);
                result = await actions.TakeAsync(Staff, normalized, ComplaintAction.Classify, classify, v, HttpContext.RequestAborted);
                Form.Version = result.Complaint?.Version;
            }

            if (current is not null && (!changed || result.Refusal is null))
            {
                result = await actions.TakeAsync(Staff, normalized, ComplaintAction.Dispatch, Form.ToRequest("dispatch"), v, HttpContext.RequestAborted);
            }

            return result;
        });

        if (outcome.Refusal is null)
        {
            Flash = T["Desk.Dispatched", normalized, outcome.Complaint!.LeadAgency?.Code ?? ""];
            return RedirectToPage("/Staff/Desk", "Next");
        }

        return await AfterAsync(normalized, "dispatch", outcome, v);
    }

    /// <summary>A rule the report refuses becomes a message on the form; a concurrent change, the "changed by X" notice.</summary>
    private async Task<ActionOutcome> RefusalsAsOutcomeAsync(Func<Task<ActionOutcome>> take)
    {
        try
        {
            return await take();
        }
        catch (ComplaintRuleException e)
        {
            ModelState.AddModelError(string.Empty, T[e.MessageKey, [.. e.Args]]);
            return ActionOutcome.Refused(ActionRefusal.Invalid);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ActionOutcome(null, ActionRefusal.Stale);
        }
    }

    private async Task<IActionResult> AfterAsync(string code, string act, ActionOutcome outcome, Infrastructure.Validation v)
    {
        switch (outcome.Refusal)
        {
            case null:
                Flash = T["Action.Done", T["Action." + act]];
                return Request.Query["return"].ToString() switch
                {
                    "urc" => Redirect("/staff/urc"),
                    "queue" => Redirect("/staff/queue"),
                    _ => RedirectToPage(new { code }),
                };
            case ActionRefusal.NotFound:
                return NotFound();
            case ActionRefusal.Forbidden:
                ModelState.AddModelError(string.Empty, T[outcome.ReasonKey!, T["Action." + act]]);
                break;
            case ActionRefusal.NotAllowedNow:
                ModelState.AddModelError(string.Empty, T["Problem.InvalidTransition.Detail", T["Action." + act], T["Status." + outcome.Transition!.Status], "–"]);
                break;
            case ActionRefusal.Stale:
                var id = await db.Complaints.Where(c => c.TrackingCode == code).Select(c => c.Id).SingleAsync();
                StaleBy = await actions.LastChangedByAsync(id, HttpContext.RequestAborted) ?? "?";
                break;
            default:
                ShowErrors(v, "Form.");
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
            .Select(a => new PhotoItem(a.Id, a.EventSequence, a.FileName)).ToListAsync(ct);
        Agencies = (await agencies.GetAsync(ct)).Values.Where(a => a.IsActive).OrderBy(a => a.Kind == "kecamatan").ThenBy(a => a.Name).ToList();
        CategoryList = await categories.ActiveAsync(ct);
        DefaultAgency = complaint.Category?.DefaultAgency?.Code;
        if (ModelState.IsValid && StaleBy is null)
        {
            Form = new ActionForm
            {
                Version = complaint.Version, Category = complaint.Category?.Code, Kind = complaint.Kind, Privacy = complaint.Privacy,
                Priority = complaint.Priority, Agency = DefaultAgency,
            };
        }
        else
        {
            Form.Version = StaleBy is null ? complaint.Version : Form.Version;
        }

        if (Staff.IsIn(Roles.Manager) && complaint.Status == ComplaintStatus.Submitted)
        {
            await LoadRelatedAsync(complaint, ct);
        }

        return true;
    }

    /// <summary>What the desk needs to decide: the same reporter's other reports, and likely duplicates.</summary>
    private async Task LoadRelatedAsync(Complaint c, CancellationToken ct)
    {
        var others = db.Complaints.AsNoTracking().Where(o => o.Id != c.Id);
        if (c.Reporter.Phone is { } phone)
        {
            Earlier = await Related(others.Where(o => o.Reporter.Phone == phone), ct);
        }
        else if (c.Reporter.Email is { } email)
        {
            Earlier = await Related(others.Where(o => o.Reporter.Email == email), ct);
        }

        // Likely duplicates from the last 30 days: same category and kecamatan, or the same rare words.
        var since = c.SubmittedAt.AddDays(-30);
        var recent = others.Where(o => o.SubmittedAt >= since && o.Status != ComplaintStatus.Merged);
        var found = new List<RelatedReport>();
        if (c.CategoryId is { } category && c.Location.Kecamatan is { } kecamatan)
        {
            found.AddRange(await Related(recent.Where(o => o.CategoryId == category && o.Location.Kecamatan == kecamatan), ct));
        }

        var keywords = string.Join(' ', c.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(char.IsLetter).ToArray()).ToLowerInvariant())
            .Where(w => w.Length >= 5).Distinct().OrderByDescending(w => w.Length).Take(3));
        if (keywords.Length > 0)
        {
            found.AddRange(await Related(recent.Matching(db, keywords), ct));
        }

        Duplicates = found.DistinctBy(r => r.TrackingCode).OrderByDescending(r => r.SubmittedAt).Take(8).ToList();
    }

    private static Task<List<RelatedReport>> Related(IQueryable<Complaint> q, CancellationToken ct) => RelatedReport.LatestAsync(q, 5, ct);
}
