using Aduan.Data;
using Aduan.Infrastructure;
using Aduan.Triage;
using Aduan.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Aduan.Pages.Admin.Triage;

/// <summary>
/// The suggestion model: its version, training date, held-out figures and confusion matrices, and
/// "retrain now" (audited). Training runs within the request: seconds for tens of thousands of reports.
/// </summary>
public sealed class IndexModel(TriageModelStore store, TriageRetraining retraining, AuditTrail audit, AduanDbContext db,
    IOptions<TriageOptions> options) : StaffPageModel
{
    public TriageModelInfo? Current { get; private set; }
    public TriageOptions Options => options.Value;

    public void OnGet() => Current = store.Current?.Info;

    public async Task<IActionResult> OnPostRetrainAsync(CancellationToken ct)
    {
        var model = await retraining.RunOnceAsync(ct);
        audit.Record(Staff.Name, Staff.UserId, "triage.retrain", model is null ? "no-model" : "model-" + model.Info.Version,
            model is null ? null : new { model.Info.Examples, model.Info.HeldOut });
        await db.SaveChangesAsync(ct);
        Flash = model is null ? T["Admin.Triage.NotTrained", Options.MinimumExamples] : T["Admin.Triage.Trained", model.Info.Version, model.Info.Examples];
        return RedirectToPage();
    }
}
