using Aduan.Transparency;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Complaints;

/// <summary>What anyone with the tracking code sees, and the reporter with the key: for the JSON API and <c>/lacak</c>.</summary>
public sealed class PublicComplaintViews(ComplaintWorkflow workflow, ComplaintPresenter presenter)
{
    /// <param name="code">A normalized tracking code.</param>
    public Task<Complaint?> FindAsync(string code, CancellationToken ct) =>
        workflow.ForPublic().SingleOrDefaultAsync(c => c.TrackingCode == code, ct);

    /// <summary>
    /// Never personal data: no reporter, no officer names; phone numbers, e-mails and NIK typed in
    /// staff texts are masked. The report's own text and the reporter's messages only with the key;
    /// a confidential report shows its timeline without texts.
    /// </summary>
    public async Task<PublicComplaintView> ViewAsync(Complaint c, bool asReporter, CancellationToken ct)
    {
        EventVisibility[] visible = asReporter ? [EventVisibility.Public, EventVisibility.Reporter] : [EventVisibility.Public];
        var events = await workflow.EventsAsync(c.Id, visible, ct);
        var showTexts = asReporter || c.Privacy != PrivacyMode.Confidential;
        return new PublicComplaintView(
            c.TrackingCode, c.Status.ToString(), presenter.StatusLabel(c.Status), c.Kind.ToString(),
            c.Category is null ? null : new CodeName(c.Category.Code, c.Category.Name),
            c.LeadAgency is null ? null : new CodeName(c.LeadAgency.Code, c.LeadAgency.Name),
            await workflow.TrackingCodeOfAsync(c.MergedIntoId, ct),
            c.SubmittedAt, c.UpdatedAt,
            asReporter ? c.Title : null,
            asReporter ? c.Text : null,
            await presenter.DeadlinesAsync(c.Clocks, ct),
            await presenter.TimelineAsync(events, forStaff: false, e => !showTexts ? null
                : e.ActorKind == ActorKind.Reporter ? e.Text
                : PersonalDataMask.Apply(e.Text), ct))
        {
            Hub = c.RemotePeer == Federation.FederationOptionsValidator.UpstreamName && c.RemoteId is { } hubCode
                ? new HubCopyView(hubCode, c.RemoteUrl)
                : null,
        };
    }
}
