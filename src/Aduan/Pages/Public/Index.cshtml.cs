using Aduan.Web;

namespace Aduan.Pages.Portal; // the folder is Pages/Public; "Public" is a keyword in other .NET languages (CA1716)

/// <summary>The citizen's home page: report, track, read what the city did.</summary>
public sealed class IndexModel : StaffPageModel
{
    public void OnGet()
    {
    }
}
