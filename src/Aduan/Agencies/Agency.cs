namespace Aduan.Agencies;

/// <summary>A regional agency (Perangkat Daerah, OPD) that reports are dispatched to.</summary>
public sealed class Agency
{
    public long Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string ShortName { get; set; }

    /// <summary>dinas, badan, satuan, rsud, bumd, kecamatan, ...</summary>
    public required string Kind { get; set; }

    /// <summary>Has a rapid-response unit (Unit Reaksi Cepat) for urgent reports.</summary>
    public bool HasUrc { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>
    /// For a kecamatan office: an approximate centre of the kecamatan (Data/Seed/kecamatan.csv), so that
    /// a map pin without a kecamatan gets the nearest one. An approximation, not a boundary.
    /// </summary>
    public double? Latitude { get; set; }

    /// <inheritdoc cref="Latitude"/>
    public double? Longitude { get; set; }

    /// <summary>Where the agency's website receives its public follow-ups (see AgencyWebhooks); null: none.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The HMAC secret, encrypted with data protection; never shown again after it is set.</summary>
    public string? WebhookSecret { get; set; }
}
