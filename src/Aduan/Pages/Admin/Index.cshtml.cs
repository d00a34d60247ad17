using Aduan.Web;

namespace Aduan.Pages.Admin;

public sealed class IndexModel : StaffPageModel
{
    public void OnGet()
    {
    }
}
