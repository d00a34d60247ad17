using Aduan.Complaints;

namespace Aduan.Identity;

/// <summary>Which staff role may take which action; scope (which report) is <see cref="ComplaintScope"/>'s job.</summary>
public static class ComplaintPermissions
{
    private static readonly HashSet<ComplaintAction> ManagerActions =
    [
        ComplaintAction.Classify, ComplaintAction.Defer, ComplaintAction.Archive, ComplaintAction.Refer,
        ComplaintAction.Merge, ComplaintAction.Dispatch, ComplaintAction.Verify, ComplaintAction.Forward, ComplaintAction.RejectFollowUp,
        ComplaintAction.Resolve, ComplaintAction.Reopen,
    ];

    private static readonly HashSet<ComplaintAction> AgencyActions =
        [ComplaintAction.Acknowledge, ComplaintAction.Forward, ComplaintAction.FollowUp];

    private static readonly HashSet<ComplaintAction> UrcActions = [ComplaintAction.Acknowledge, ComplaintAction.FollowUp];

    public static IReadOnlySet<ComplaintAction> StaffActions { get; } =
        ManagerActions.Concat(AgencyActions).ToHashSet();

    /// <summary>
    /// Null when allowed, else the resource key of the reason. Agency roles act only as the
    /// report's lead agency: a copy (tembusan) is for information.
    /// </summary>
    public static string? Check(StaffMember staff, ComplaintAction action, Complaint complaint)
    {
        if (staff.IsIn(Roles.Manager) && ManagerActions.Contains(action))
        {
            return null;
        }

        var isLead = staff.AgencyId is { } id && complaint.LeadAgencyId == id;
        if ((staff.IsIn(Roles.AgencyOfficer) || staff.IsIn(Roles.AgencyHead)) && AgencyActions.Contains(action))
        {
            return isLead ? null : "Rule.CopyCannotAct";
        }

        if (staff.IsIn(Roles.Urc) && UrcActions.Contains(action))
        {
            return !isLead ? "Rule.CopyCannotAct" : complaint.Priority == Priority.Urgent ? null : "Rule.UrcUrgentOnly";
        }

        return "Problem.Forbidden.Detail";
    }
}
