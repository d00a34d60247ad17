using Aduan.Web;

namespace Aduan.Pages.Staff;

/// <summary>The staff home: where each role starts its day.</summary>
public sealed class IndexModel : StaffPageModel
{
    public void OnGet()
    {
    }
}
