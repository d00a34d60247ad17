namespace Aduan.Complaints;

/// <summary>Who reported; shown only to those the privacy mode allows (see <see cref="ReporterVisibility"/>).</summary>
public sealed record ReporterContact(string? Name, string? Phone, string? Email)
{
    public static ReporterContact None { get; } = new(null, null, null);
}

public sealed record ComplaintLocation(string? Address, double? Latitude, double? Longitude, string? Kecamatan)
{
    /// <summary>The side of a map cell in degrees: about 550 m of latitude (and of longitude near the equator).</summary>
    public const double CellDegrees = 0.005;

    /// <summary>Cells in one row of latitude: more than 360 / <see cref="CellDegrees"/>.</summary>
    public const long CellsPerRow = 100_000;

    public static ComplaintLocation None { get; } = new(null, null, null, null);

    /// <summary>
    /// The map cell of a pin: its row (latitude) and column (longitude) of <see cref="CellDegrees"/>
    /// squares, as one number; null without a pin. What the duplicate search finds nearby reports by
    /// (an index on it instead of a scan of every report of the period). The migration that added it
    /// computes the same with the same arithmetic: both sides are non-negative, so truncation is the floor.
    /// </summary>
    public static long? CellOf(double? latitude, double? longitude) =>
        latitude is { } lat && longitude is { } lng ? Cell(CellRow(lat), CellColumn(lng)) : null;

    /// <summary>The cell in a row and column, as one number.</summary>
    public static long Cell(long row, long column) => (row * CellsPerRow) + column;

    public static long CellRow(double latitude) => (long)((latitude + 90) / CellDegrees);

    public static long CellColumn(double longitude) => (long)((longitude + 180) / CellDegrees);
}
