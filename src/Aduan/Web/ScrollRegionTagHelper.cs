using Aduan.Resources;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace Aduan.Web;

/// <summary>
/// A table too wide for a phone scrolls inside its <c>div.table-wrap</c>; a keyboard user can only
/// scroll what can take focus, so the box is a named region in the tab order (WCAG 2.1.1, axe's
/// scrollable-region-focusable). Its name is the page's <c>aria-label</c>, else "Tabel: page title".
/// </summary>
[HtmlTargetElement("div", Attributes = "[class=table-wrap]")]
public sealed class ScrollRegionTagHelper(IStringLocalizer<SharedResource> t) : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.Attributes.SetAttribute("role", "region");
        output.Attributes.SetAttribute("tabindex", "0");
        if (!output.Attributes.ContainsName("aria-label") && !output.Attributes.ContainsName("aria-labelledby"))
        {
            output.Attributes.SetAttribute("aria-label", t["Page.TableOf", ViewContext.ViewData["Title"] ?? ""].Value);
        }
    }
}
