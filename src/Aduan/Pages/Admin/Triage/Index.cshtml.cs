using Aduan.Data;
using Aduan.Infrastructure;
using Aduan.Triage;
using Aduan.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Pages.Admin.Triage;

/// <summary>
/// The suggestion model: its version, training date, held-out figures and confusion matrices, where
/// this instance's training stands, and "retrain now" (audited), which asks the background training
/// (<see cref="TriageRetraining"/>) and returns at once: training takes minutes at a city's size.
/// </summary>
public sealed class IndexModel(TriageModelStore store, TriageRetraining retraining, AuditTrail audit, AduanDbContext db,
    IOptions<TriageOptions> options, TimeProvider time) : StaffPageModel
{
    /// <summary>How far back the managers' decisions on the current model's suggestions are counted.</summary>
    public const int AcceptanceDays = 30;

    /// <summary>Of <see cref="Decisions"/> dispatches with a suggestion, how many kept its category and its agency.</summary>
    public sealed record Acceptance(int Decisions, int Category, int Agency);

    public TriageModelInfo? Current { get; private set; }
    public TrainingStatus Training { get; private set; } = null!;
    public Acceptance Accepted { get; private set; } = new(0, 0, 0);
    public TriageOptions Options => options.Value;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Current = store.Current?.Info;
        Training = retraining.Status;
        Accepted = await AcceptanceAsync(Current?.Version, ct);
    }

    /// <summary>The current model's (or the keywords') last 30 days, counted from the decisions' covering index alone.</summary>
    private async Task<Acceptance> AcceptanceAsync(int? version, CancellationToken ct)
    {
        var since = time.GetUtcNow().AddDays(-AcceptanceDays);
        var decisions = version is { } v
            ? db.TriageDecisions.Where(d => d.ModelVersion == v)
            : db.TriageDecisions.Where(d => d.ModelVersion == null);
        var counts = await decisions.Where(d => d.DecidedAt >= since).GroupBy(d => d.ModelVersion)
            .Select(g => new Acceptance(g.Count(), g.Count(d => d.CategoryAccepted), g.Count(d => d.AgencyAccepted)))
            .SingleOrDefaultAsync(ct);
        return counts ?? new Acceptance(0, 0, 0);
    }

    public async Task<IActionResult> OnPostRetrainAsync(CancellationToken ct)
    {
        var queued = retraining.Request();
        audit.Record(Staff.Name, Staff.UserId, "triage.retrain", "triage-model", new { queued });
        await db.SaveChangesAsync(ct);
        Flash = queued ? T["Admin.Triage.Requested"] : T["Admin.Triage.AlreadyRequested"];
        return RedirectToPage();
    }
}
