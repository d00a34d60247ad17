using Aduan.Data;
using Aduan.Web;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Pages.Admin.Agencies;

/// <summary>All agencies, active or not, by code; whether each has a webhook (never its secret).</summary>
public sealed class IndexModel(AduanDbContext db) : StaffPageModel
{
    public sealed record Row(string Code, string Name, string ShortName, string Kind, bool HasUrc, bool IsActive, bool Webhook);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Rows = await db.Agencies.AsNoTracking().OrderBy(a => a.Code)
            .Select(a => new Row(a.Code, a.Name, a.ShortName, a.Kind, a.HasUrc, a.IsActive, a.WebhookUrl != null))
            .ToListAsync(ct);
}
