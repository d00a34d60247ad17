using Aduan.Agencies;

namespace Aduan.Complaints;

/// <summary>An agency's part in a report: the lead that must follow up, or a copy (tembusan) for information.</summary>
public sealed class ComplaintAssignment
{
    public long Id { get; private set; }
    public long ComplaintId { get; private set; }
    public long AgencyId { get; private set; }
    public Agency? Agency { get; private set; }
    public AssignmentRole Role { get; private set; }
    public DateTimeOffset AssignedAt { get; private set; }

    /// <summary>Set when the report is forwarded away; an ended assignment no longer grants access.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    private ComplaintAssignment()
    {
    }

    internal ComplaintAssignment(Agency agency, AssignmentRole role, DateTimeOffset at)
    {
        Agency = agency;
        AgencyId = agency.Id;
        Role = role;
        AssignedAt = at;
    }

    internal void End(DateTimeOffset at) => EndedAt = at;
}
