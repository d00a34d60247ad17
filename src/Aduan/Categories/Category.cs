using Aduan.Agencies;

namespace Aduan.Categories;

/// <summary>The national service-standard tier that sets a category's resolution deadline.</summary>
public enum ServiceTier
{
    Light,
    Normative,
    NonSupervisory,
    FieldExamination,
}

public sealed class Category
{
    public long Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }

    /// <summary>The agency a report of this category usually goes to; null: the manager decides.</summary>
    public long? DefaultAgencyId { get; set; }
    public Agency? DefaultAgency { get; set; }
    public ServiceTier Tier { get; set; } = ServiceTier.Normative;
    public bool UrgentPossible { get; set; }

    /// <summary>
    /// A danger to life or property (fire, flood, disaster): the form says "call 112" and a report of
    /// it is urgent from the start. <see cref="UrgentPossible"/> only allows staff to make it urgent.
    /// </summary>
    public bool IsEmergency { get; set; }
    public bool IsActive { get; set; } = true;
}
