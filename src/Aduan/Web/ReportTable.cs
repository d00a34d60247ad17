using Aduan.Complaints;

namespace Aduan.Web;

/// <summary>
/// The model of the shared report table (desk, lists, queues). With <paramref name="SelectForm"/>, each row has a
/// checkbox <c>codes</c> that belongs to that form (the list's bulk take-over), wherever the form is on the page.
/// </summary>
public sealed record ReportTable(PagedList<StaffComplaintListItem> Page, DateTimeOffset Now, bool ShowAgency, string? SelectForm = null);
