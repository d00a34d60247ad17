using Aduan.Data;
using Aduan.Infrastructure;
using Aduan.Triage;
using Aduan.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Aduan.Pages.Admin.Triage;

/// <summary>
/// The suggestion model: its version, training date, held-out figures and confusion matrices, where
/// this instance's training stands, and "retrain now" (audited), which asks the background training
/// (<see cref="TriageRetraining"/>) and returns at once: training takes minutes at a city's size.
/// </summary>
public sealed class IndexModel(TriageModelStore store, TriageRetraining retraining, AuditTrail audit, AduanDbContext db,
    IOptions<TriageOptions> options) : StaffPageModel
{
    public TriageModelInfo? Current { get; private set; }
    public TrainingStatus Training { get; private set; } = null!;
    public TriageOptions Options => options.Value;

    public void OnGet()
    {
        Current = store.Current?.Info;
        Training = retraining.Status;
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
