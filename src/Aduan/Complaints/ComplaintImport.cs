using Aduan.Agencies;
using Aduan.Categories;
using Aduan.Sla;

namespace Aduan.Complaints;

/// <summary>A past report from the call center's spreadsheets, checked and ready to become a <see cref="Complaint"/>.</summary>
public sealed record ImportedReport(
    DateTimeOffset SubmittedAt,
    Channel Channel,
    Category? Category,
    Agency? Agency,
    string Text,
    ComplaintStatus Status,
    DateTimeOffset? DispatchedAt,
    DateTimeOffset? FollowedUpAt,
    DateTimeOffset? ResolvedAt,
    string? FollowUp,
    string? ReporterPhone,
    string? Kecamatan,
    string ImportKey);

public sealed partial class Complaint
{
    /// <summary>The states a past report can be brought in with: each has the dates that lead to it.</summary>
    public static readonly IReadOnlySet<ComplaintStatus> ImportableStates = new HashSet<ComplaintStatus>
    {
        ComplaintStatus.Submitted, ComplaintStatus.Dispatched, ComplaintStatus.InProgress, ComplaintStatus.FollowedUp,
        ComplaintStatus.Resolved,
    };

    /// <summary>
    /// Builds a past report in the state it reached, through the same commands a live report goes
    /// through, each at its original date: the event chain is a valid one (<c>audit verify</c>
    /// accepts it), the deadlines are those the report had, and a closed report has no clock running.
    /// The report is confidential: the citizen never chose to be published. An open report's clocks are
    /// stopped at <paramref name="importedAt"/> and none start again until a manager takes it over
    /// (<see cref="TakeOver"/>): importing last year's spreadsheet escalates to no one and flags nothing.
    /// </summary>
    public static Complaint Import(ImportedReport r, string trackingCode, Actor actor, SlaPolicy sla, DateTimeOffset importedAt)
    {
        var input = new NewComplaint(null, r.Text, ComplaintKind.Complaint, PrivacyMode.Confidential, r.Channel, r.Category,
            new ReporterContact(null, r.ReporterPhone, null), new ComplaintLocation(null, null, null, r.Kecamatan));
        var complaint = Submit(input, trackingCode, ReporterKey.Hash(ReporterKey.New()), actor, r.SubmittedAt, sla);
        complaint.ImportKey = r.ImportKey;
        complaint.OmbudsmanDueAt = null;
        if (r.DispatchedAt is { } dispatched)
        {
            complaint.Handle(new DispatchCommand(r.Agency!, [], null), actor, dispatched, sla);
            if (r.Status == ComplaintStatus.InProgress)
            {
                complaint.Handle(new AcknowledgeCommand(), actor, dispatched, sla);
            }
        }

        if (r.FollowedUpAt is { } followedUp)
        {
            complaint.Handle(new FollowUpCommand(r.FollowUp ?? "", Final: true), actor, followedUp, sla);
        }

        if (r.ResolvedAt is { } resolved)
        {
            complaint.Handle(new ResolveCommand(), actor, resolved, sla);
        }

        complaint.IsImported = true;
        complaint.SyncClocks(importedAt, sla, restartAgencyClocks: false);
        return complaint.Status == r.Status
            ? complaint
            : throw new InvalidOperationException($"An imported report ended in {complaint.Status}, not {r.Status}.");
    }
}
