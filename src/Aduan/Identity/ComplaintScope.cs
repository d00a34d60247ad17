using Aduan.Complaints;

namespace Aduan.Identity;

/// <summary>
/// The one place that decides which reports a staff member may see. Every staff query starts
/// from <see cref="VisibleTo"/>: city-wide roles see all; an agency's officers and head see the
/// reports dispatched or copied to their agency (an open assignment); a URC unit only the urgent
/// ones of its agency; anyone else nothing.
/// </summary>
public static class ComplaintScope
{
    public static IQueryable<Complaint> VisibleTo(this IQueryable<Complaint> query, StaffMember staff)
    {
        if (staff.IsCityWide)
        {
            return query;
        }

        if (staff.AgencyId is not { } agencyId)
        {
            return query.Where(_ => false);
        }

        var assigned = query.Where(c => c.Assignments.Any(a => a.AgencyId == agencyId && a.EndedAt == null));
        if (staff.IsIn(Roles.AgencyOfficer) || staff.IsIn(Roles.AgencyHead))
        {
            return assigned;
        }

        return staff.IsIn(Roles.Urc) ? assigned.Where(c => c.Priority == Priority.Urgent) : query.Where(_ => false);
    }

    /// <summary>Whether the reporter's name and contact may be shown to this staff member (DESIGN.md privacy modes).</summary>
    public static bool CanSeeReporter(StaffMember staff, PrivacyMode privacy) =>
        staff.IsIn(Roles.Manager) || privacy == PrivacyMode.Public;
}
