namespace Aduan.Identity;

/// <summary>The staff roles of DESIGN.md "Who uses it".</summary>
public static class Roles
{
    public const string Operator = nameof(Operator);
    public const string Manager = nameof(Manager);
    public const string AgencyOfficer = nameof(AgencyOfficer);
    public const string AgencyHead = nameof(AgencyHead);
    public const string Urc = nameof(Urc);
    public const string Leadership = nameof(Leadership);
    public const string Admin = nameof(Admin);

    public static IReadOnlyList<string> All { get; } =
        [Operator, Manager, AgencyOfficer, AgencyHead, Urc, Leadership, Admin];

    /// <summary>Roles whose users belong to exactly one agency and see only its reports.</summary>
    public static IReadOnlyList<string> AgencyBound { get; } = [AgencyOfficer, AgencyHead, Urc];

    public static string? Normalize(string role) =>
        All.FirstOrDefault(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));
}
