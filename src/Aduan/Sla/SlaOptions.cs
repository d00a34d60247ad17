using System.ComponentModel.DataAnnotations;

namespace Aduan.Sla;

/// <summary>Every number of DESIGN.md's deadline table; section <c>Aduan:Sla</c>.</summary>
public sealed class SlaOptions
{
    public const string Section = "Aduan:Sla";

    /// <summary>IANA time zone whose working days count (WIB).</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Jakarta";

    [Range(1, 365)]
    public int VerificationWorkingDays { get; set; } = 3;

    [Range(1, 365)]
    public int ResponseWorkingDays { get; set; } = 5;

    [Range(1, 365)]
    public int LightWorkingDays { get; set; } = 2;

    [Range(1, 365)]
    public int NormativeWorkingDays { get; set; } = 5;

    [Range(1, 365)]
    public int NonSupervisoryWorkingDays { get; set; } = 14;

    /// <summary>Calendar days, not working days, as in the national standard.</summary>
    [Range(1, 730)]
    public int FieldExaminationCalendarDays { get; set; } = 60;

    [Range(1, 365)]
    public int ReporterReplyWorkingDays { get; set; } = 10;

    [Range(1, 365)]
    public int DeferralAnswerWorkingDays { get; set; } = 10;

    /// <summary>How long after resolution the reporter may still reject and reopen.</summary>
    [Range(0, 365)]
    public int ReopenWindowWorkingDays { get; set; } = 10;

    [Range(1, 720)]
    public int UrgentAcknowledgeHours { get; set; } = 1;

    [Range(1, 720)]
    public int UrgentOnSiteHours { get; set; } = 24;

    /// <summary>
    /// The final follow-up of an urgent report, posted in the workspace (the URC's "done"), must carry a
    /// photo as proof. The JSON API takes no photos, so it is not held to this.
    /// </summary>
    public bool UrgentProofPhoto { get; set; } = true;

    /// <summary>A report forwarded more often than this is flagged to the manager ("no wrong door").</summary>
    [Range(0, 100)]
    public int ForwardFlagThreshold { get; set; } = 2;
}
