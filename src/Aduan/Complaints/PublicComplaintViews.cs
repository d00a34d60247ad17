using System.Text.Json;
using Aduan.Data;
using Aduan.Sla;
using Aduan.Transparency;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Complaints;

/// <summary>
/// What of a report its public view is built from, read as one narrow projection: the status lookup is the busiest read
/// of a flood, and the whole report row with its category's and agency's rows was a statement of some eighty columns
/// that SQLite parsed and EF materialised on every request.
/// </summary>
public sealed record PublicComplaint(long Id, string TrackingCode, ComplaintStatus Status, ComplaintKind Kind, PrivacyMode Privacy,
    int Supporters, string? CategoryCode, string? CategoryName, string? AgencyCode, string? AgencyName, long? MergedIntoId,
    DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt, string? Title, string Text, string ReporterKeyHash, string? RemotePeer,
    string? RemoteId, string? RemoteUrl, List<SlaClock> Clocks);

/// <summary>What anyone with the tracking code sees, and the reporter with the key: for the JSON API and <c>/lacak</c>.</summary>
public sealed class PublicComplaintViews(AduanDbContext db, ComplaintWorkflow workflow, ComplaintPresenter presenter,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    /// <param name="code">A normalized tracking code.</param>
    public Task<PublicComplaint?> FindAsync(string code, CancellationToken ct) =>
        db.Complaints.AsNoTracking().Where(c => c.TrackingCode == code)
            .Select(c => new PublicComplaint(c.Id, c.TrackingCode, c.Status, c.Kind, c.Privacy, c.Supporters,
                c.Category!.Code, c.Category.Name, c.LeadAgency!.Code, c.LeadAgency.Name, c.MergedIntoId, c.SubmittedAt, c.UpdatedAt,
                c.Title, c.Text, c.ReporterKeyHash, c.RemotePeer, c.RemoteId, c.RemoteUrl, c.Clocks.ToList()))
            .SingleOrDefaultAsync(ct);

    /// <summary>The view anybody sees, to be kept (<see cref="PublicViewCache"/>), with its JSON as the API writes it.</summary>
    public async Task<Built<KeptPublicView>> BuildKeptAsync(string code, CancellationToken ct)
    {
        if (await FindAsync(code, ct) is not { } c)
        {
            return new Built<KeptPublicView>(null, []);
        }

        var view = await ViewAsync(c, asReporter: false, ct);
        return new Built<KeptPublicView>(
            new KeptPublicView(view, JsonSerializer.SerializeToUtf8Bytes(view, json.Value.SerializerOptions), c.Status, c.Privacy, c.Supporters),
            c.Clocks);
    }

    /// <summary>
    /// Never personal data: no reporter, no officer names; phone numbers, e-mails and NIK typed in
    /// staff texts are masked. The report's own text and the reporter's messages only with the key;
    /// a confidential report shows its timeline without texts.
    /// </summary>
    public async Task<PublicComplaintView> ViewAsync(PublicComplaint c, bool asReporter, CancellationToken ct)
    {
        EventVisibility[] visible = asReporter ? [EventVisibility.Public, EventVisibility.Reporter] : [EventVisibility.Public];
        var events = await workflow.EventsAsync(c.Id, visible, ct);
        var showTexts = asReporter || c.Privacy != PrivacyMode.Confidential;
        return new PublicComplaintView(
            c.TrackingCode, c.Status.ToString(), presenter.StatusLabel(c.Status), c.Kind.ToString(),
            c.CategoryCode is null ? null : new CodeName(c.CategoryCode, c.CategoryName!),
            c.AgencyCode is null ? null : new CodeName(c.AgencyCode, c.AgencyName!),
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
