namespace Aduan.Web;

/// <summary>What the "Ikuti laporan ini" form needs: the report, the page to come back to ("lacak" or "laporan"), and the reporter key when the reporter follows.</summary>
public sealed record FollowFormView(string Code, string From, string? ReporterKey = null);
