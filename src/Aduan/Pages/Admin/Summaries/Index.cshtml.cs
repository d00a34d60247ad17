using Aduan.Sla;
using Aduan.Supervision;
using Aduan.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Pages.Admin.Summaries;

/// <summary>
/// The scheduled summaries: when they go out, the last ones queued, and "send now" for either kind
/// (the latest complete period, to every recipient, audited).
/// </summary>
public sealed class IndexModel(ScheduledSummaries summaries, IOptions<SummaryOptions> options,
    SlaPolicyProvider sla, TimeProvider time) : StaffPageModel
{
    public SummaryOptions Options => options.Value;

    /// <summary>The latest complete week and month, and how far their summaries went.</summary>
    public IReadOnlyList<SummaryStatus> Latest { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var calendar = (await sla.GetAsync(ct)).Calendar;
        var now = time.GetUtcNow();
        Latest =
        [
            await summaries.StatusAsync(SummarySchedule.Latest(SummaryKind.Weekly, now, calendar, options.Value), ct),
            await summaries.StatusAsync(SummarySchedule.Latest(SummaryKind.Monthly, now, calendar, options.Value), ct),
        ];
    }

    public async Task<IActionResult> OnPostSendAsync(string? kind, CancellationToken ct)
    {
        if (!Enum.TryParse<SummaryKind>(kind, ignoreCase: true, out var k) || !Enum.IsDefined(k))
        {
            return BadRequest();
        }

        var queued = await summaries.SendNowAsync(k, Staff, ct);
        Flash = T["Admin.Summaries.Queued", queued, T["Admin.Summaries.Kind." + k]];
        return RedirectToPage();
    }
}
