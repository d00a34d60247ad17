namespace Aduan.Complaints;

/// <summary>Who reported; shown only to those the privacy mode allows (see <see cref="ReporterVisibility"/>).</summary>
public sealed record ReporterContact(string? Name, string? Phone, string? Email)
{
    public static ReporterContact None { get; } = new(null, null, null);
}

public sealed record ComplaintLocation(string? Address, double? Latitude, double? Longitude, string? Kecamatan)
{
    public static ComplaintLocation None { get; } = new(null, null, null, null);
}
