using System.Text.Encodings.Web;
using Aduan.Resources;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace Aduan.Web;

/// <summary>
/// <c>&lt;error-summary /&gt;</c>: when the form came back with errors, a box with a heading and every
/// message, each field's linking to the field (<c>#Report_Text</c>), so a phone user sees at once
/// that something is wrong and where (WCAG 3.3.1, 2.4.3). Nothing when there are none. Put it first
/// in the form (or at the top of a page of several forms): without JavaScript it is still what the
/// page shows first; forms.js moves focus to it, and the layouts start the title with "Kesalahan:".
/// </summary>
[HtmlTargetElement("error-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ErrorSummaryTagHelper(IStringLocalizer<SharedResource> t) : TagHelper
{
    public const string Id = "error-summary";

    /// <summary>Field ids that do not follow the model's names (<c>Form.Text</c> → <c>follow-up-t</c>), by field name in any case.</summary>
    [HtmlAttributeName("field-ids")]
    public IReadOnlyDictionary<string, string>? FieldIds { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    /// <summary>The layouts' test: the page shows a form that was refused.</summary>
    public static bool HasErrors(ViewContext context) => context.ModelState.ErrorCount > 0;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!HasErrors(ViewContext))
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("id", Id);
        output.Attributes.SetAttribute("class", "error-summary");
        output.Attributes.SetAttribute("tabindex", "-1");
        output.Attributes.SetAttribute("aria-labelledby", Id + "-title");
        output.Attributes.SetAttribute("data-testid", Id);

        var html = HtmlEncoder.Default;
        var content = output.Content;
        content.AppendHtml($"<div role=\"alert\"><h2 id=\"{Id}-title\">");
        content.Append(t["Form.ErrorSummary"]);
        content.AppendHtml("</h2><ul>");

        // Messages of the whole form first (they have no field), then each field's in the form's order.
        foreach (var (key, entry) in ViewContext.ModelState.OrderBy(e => e.Key.Length == 0 ? 0 : 1))
        {
            foreach (var message in entry!.Errors.Select(e => e.ErrorMessage).Where(m => m.Length > 0))
            {
                if (key.Length == 0)
                {
                    content.AppendHtml($"<li>{html.Encode(message)}</li>");
                }
                else
                {
                    var id = FieldId(key);
                    content.AppendHtml($"<li><a href=\"#{html.Encode(id)}\">{html.Encode(message)}</a></li>");
                }
            }
        }

        content.AppendHtml("</ul></div>");
    }

    /// <summary>
    /// The id <c>asp-for</c> gives the field. Messages copied from a shared rule carry the API's
    /// camel-case names (<c>Report.location</c>) where the form's are Pascal case (<c>Report_Location</c>).
    /// </summary>
    private string FieldId(string key)
    {
        var given = FieldIds?.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
        return given ?? TagBuilder.CreateSanitizedId(string.Join('.', key.Split('.').Select(s => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..])), "_");
    }
}
