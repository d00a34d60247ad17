using Aduan.Audit;
using Aduan.Data;
using Aduan.Infrastructure;
using Aduan.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Pages.Admin.Audit;

/// <summary>The published daily digests of the event log, newest first, 30 a page.</summary>
public sealed class IndexModel(AduanDbContext db, IOptions<AuditOptions> audit, IOptions<AduanOptions> aduan) : StaffPageModel
{
    public const int PageSize = 30;

    public sealed record Row(DateOnly Day, string Digest, long Events, DateTimeOffset ComputedAt);

    public int PageNumber { get; private set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>Where this instance writes the digest files.</summary>
    public string Directory => audit.Value.DirectoryFor(aduan.Value.DataDirectory);

    /// <summary>
    /// The number comes from the query string only: a Razor Page's route values already hold a
    /// "page" (the page's own path), which would win over <c>?page=</c> in ordinary binding.
    /// </summary>
    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        Total = await db.AuditDigests.CountAsync(ct);
        PageNumber = Math.Clamp(page ?? 1, 1, PageCount);
        Rows = await db.AuditDigests.AsNoTracking().OrderByDescending(d => d.Day).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(d => new Row(d.Day, d.Digest, d.Events, d.ComputedAt)).ToListAsync(ct);
    }

    /// <summary>Built by hand for the same reason: <c>Url.Page</c> treats a "page" value as the page's path.</summary>
    public string PageLink(int page) => Url.Page("Index") + "?page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
