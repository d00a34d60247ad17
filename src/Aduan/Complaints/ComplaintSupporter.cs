namespace Aduan.Complaints;

/// <summary>
/// One citizen's "saya juga mengalami ini" on a report: counted once per supporter (by a salted
/// hash of their contact or browser, never the contact itself).
/// </summary>
public sealed class ComplaintSupporter
{
    public long Id { get; set; }
    public long ComplaintId { get; set; }
    public required string SupporterHash { get; set; }
    public DateTimeOffset At { get; set; }
}
