using System.Globalization;
using Aduan.Open311;
using Aduan.Web;
using Microsoft.AspNetCore.Mvc;

namespace Aduan.Pages.Admin.ApiKeys;

/// <summary>
/// The Open311 clients' keys: list, create (the key shown once, on the answer to the post, never
/// stored or redirected with), revoke after a confirmation that works without JavaScript. Each change
/// is audited by <see cref="Open311.ApiKeys"/>.
/// </summary>
public sealed class IndexModel(Open311.ApiKeys keys) : StaffPageModel
{
    [BindProperty]
    public string? Name { get; set; }

    /// <summary>A key for another Aduan instance (hub or member city); see Federation/.</summary>
    [BindProperty]
    public bool Federation { get; set; }

    /// <summary>The key whose revocation is being confirmed (<c>?revoke=ID</c>).</summary>
    [BindProperty(SupportsGet = true)]
    public long? Revoke { get; set; }

    public IReadOnlyList<ApiKey> Keys { get; private set; } = [];

    public ApiKey? ToRevoke { get; private set; }

    /// <summary>The new key's secret, on the page that answers its creation only.</summary>
    public string? NewSecret { get; private set; }

    public string? NewName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Keys = await keys.ListAsync(ct);
        ToRevoke = Keys.FirstOrDefault(k => k.Id == Revoke && k.IsActive);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var created = await keys.CreateAsync(Name, Staff.Name, Staff.UserId, ct, Federation);
        if (created.Key is null)
        {
            ShowError(nameof(Name), created.ErrorKey!);
        }
        else
        {
            (NewSecret, NewName, Name) = (created.Secret, created.Key.Name, null);
            Response.Headers.CacheControl = "no-store";
        }

        Keys = await keys.ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id, CancellationToken ct)
    {
        var key = await keys.RevokeAsync(id.ToString(CultureInfo.InvariantCulture), Staff.Name, Staff.UserId, ct);
        if (key is null)
        {
            return NotFound();
        }

        Flash = T["ApiKeys.Revoked", key.Name];
        return RedirectToPage();
    }
}
