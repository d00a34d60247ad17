using Aduan.Data;
using Aduan.Identity;
using Aduan.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Pages.Admin.Users;

/// <summary>Staff accounts, 50 a page, sorted by user name; filtered by text, role, agency and status.</summary>
public sealed class IndexModel(AduanDbContext db) : StaffPageModel
{
    public const int PageSize = 50;

    public sealed record Row(string Id, string UserName, string? DisplayName, IReadOnlyList<string> Roles, string? Agency, bool Disabled,
        bool TwoFactor);

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Agency { get; set; }

    /// <summary>"active", "disabled", or empty for both.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    // FromQuery, not BindProperty: the route value "page" (this page's own path) would win over ?page=.
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public IReadOnlyList<string> AgencyCodes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        AgencyCodes = await db.Agencies.AsNoTracking().OrderBy(a => a.Code).Select(a => a.Code).ToListAsync(ct);
        var query = Filter(db.Users.AsNoTracking());
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await query.OrderBy(u => u.UserName).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(u => new Row(u.Id, u.UserName!, u.DisplayName,
                (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id orderby r.Name select r.Name!).ToList(),
                u.Agency!.Code, u.LockoutEnd == StaffUser.DisabledUntil, u.TwoFactorEnabled))
            .ToListAsync(ct);
    }

    private IQueryable<StaffUser> Filter(IQueryable<StaffUser> users)
    {
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var text = Q.Trim().ToUpperInvariant();
            // ToUpper() becomes SQL upper() on both databases; the overloads the analyzers prefer cannot be translated.
#pragma warning disable CA1304, CA1311, CA1862
            users = users.Where(u => u.NormalizedUserName!.Contains(text) || (u.DisplayName != null && u.DisplayName.ToUpper().Contains(text)));
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (Roles.Normalize(Role ?? "") is { } role)
        {
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));
        }

        if (!string.IsNullOrWhiteSpace(Agency))
        {
            var code = Agency.Trim().ToUpperInvariant();
            users = users.Where(u => u.Agency!.Code == code);
        }

        return Status switch
        {
            "active" => users.Where(u => u.LockoutEnd == null || u.LockoutEnd != StaffUser.DisabledUntil),
            "disabled" => users.Where(u => u.LockoutEnd == StaffUser.DisabledUntil),
            _ => users,
        };
    }

    /// <summary>The list's address with the current filters and another page number (by hand: Url.Page takes "page" for a page path).</summary>
    public string PageLink(int page) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Url.Page("Index")!,
        new Dictionary<string, string?>
        {
            ["q"] = Q, ["role"] = Role, ["agency"] = Agency, ["status"] = Status,
            ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(kv => !string.IsNullOrEmpty(kv.Value)));
}
