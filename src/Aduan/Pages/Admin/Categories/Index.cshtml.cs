using Aduan.Categories;
using Aduan.Data;
using Aduan.Web;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Pages.Admin.Categories;

/// <summary>All categories, active or not, by code, with the agency their reports usually go to.</summary>
public sealed class IndexModel(AduanDbContext db) : StaffPageModel
{
    public sealed record Row(string Code, string Name, string? DefaultAgency, ServiceTier Tier, bool UrgentPossible, bool IsEmergency, bool IsActive);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Rows = await db.Categories.AsNoTracking().OrderBy(c => c.Code)
            .Select(c => new Row(c.Code, c.Name, c.DefaultAgency!.Code, c.Tier, c.UrgentPossible, c.IsEmergency, c.IsActive))
            .ToListAsync(ct);
}
