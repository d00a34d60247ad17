using Aduan.Identity;

namespace Aduan.Supervision;

/// <summary>Whose reports a summary counts: every agency's (the city), or one agency's (by its lead agency).</summary>
public sealed record SupervisionScope(long? AgencyId, string? AgencyCode)
{
    public static readonly SupervisionScope City = new(null, null);

    public static SupervisionScope Agency(long id, string code) => new(id, code);

    public bool IsCity => AgencyId is null;

    /// <summary>
    /// The scope a staff member may see: the city for leadership and the manager, their own agency for
    /// an agency head; null for everyone else (officers, URC, operators, admins).
    /// </summary>
    public static SupervisionScope? For(StaffMember staff) =>
        staff.IsIn(Roles.Leadership) || staff.IsIn(Roles.Manager) ? City
        : staff.IsIn(Roles.AgencyHead) && staff.AgencyId is { } id && staff.AgencyCode is { } code ? Agency(id, code)
        : null;
}
