using Aduan.Complaints;
using Aduan.Data;

namespace Aduan.Triage;

/// <summary>
/// When staff dispatch a report (the desk's verify, or the dispatch action of the page or the API),
/// records the suggestion the desk showed for it and whether the manager kept it: the figure by
/// which /admin/triage tells whether the current model helps. The suggestion is asked again here,
/// from the same text with the current model: the one the desk showed unless a new version came
/// between reading the report and dispatching it.
/// </summary>
public sealed class TriageDecisionRecorder(AduanDbContext db, TriageSuggestions suggestions) : IComplaintSubscriber
{
    public async ValueTask OnChangedAsync(ComplaintChange change, CancellationToken ct)
    {
        var c = change.Complaint;
        if (!change.Events.Any(e => e.Type == ComplaintEventType.Dispatched && e.ActorKind == ActorKind.Staff)
            || c.Category is not { } category || c.LeadAgency is not { } agency)
        {
            return;
        }

        var s = await suggestions.SuggestAsync(c.Title, c.Text, c.Location.Kecamatan, c.Channel, ct);
        if (s.Category is not { } suggested)
        {
            return;
        }

        db.Add(new TriageDecision
        {
            ComplaintId = c.Id,
            DecidedAt = change.At,
            ModelVersion = s.ModelVersion,
            SuggestedCategory = suggested.Label,
            SuggestedAgency = s.Agency?.Label,
            Category = category.Code,
            Agency = agency.Code,
            CategoryAccepted = string.Equals(suggested.Label, category.Code, StringComparison.OrdinalIgnoreCase),
            AgencyAccepted = string.Equals(s.Agency?.Label, agency.Code, StringComparison.OrdinalIgnoreCase),
        });
    }
}
