using Aduan.Web;

namespace Aduan.Pages.Portal;

/// <summary>The citizen's home page: report, track, read what the city did.</summary>
public sealed class IndexModel : PortalPageModel
{
    public void OnGet()
    {
    }
}
