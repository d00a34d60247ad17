using Aduan.Complaints;

namespace Aduan.Web;

/// <summary>The model of the shared report table (desk, lists, queues).</summary>
public sealed record ReportTable(PagedList<StaffComplaintListItem> Page, DateTimeOffset Now, bool ShowAgency);
