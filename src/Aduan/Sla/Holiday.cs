namespace Aduan.Sla;

public enum HolidayKind
{
    Holiday,
    CutiBersama,
}

/// <summary>A non-working day for government offices: a national holiday or a joint leave day (cuti bersama).</summary>
public sealed class Holiday
{
    public DateOnly Date { get; set; }
    public HolidayKind Kind { get; set; }
    public required string Name { get; set; }
}
