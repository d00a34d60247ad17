using System.Globalization;
using Aduan.Sla;
using Aduan.Transparency;
using Aduan.Web;
using Microsoft.Extensions.Options;

namespace Aduan.Pages.Portal;

/// <summary>
/// The citizen's home page: report (and call 112 in an emergency), track, read what the city did:
/// how it works in three steps, the latest public follow-ups and a map of this week's reports.
/// </summary>
public sealed class IndexModel(AgencyFollowUps followUps, TimeProvider time, IOptions<SlaOptions> sla, IOptions<MapOptions> map)
    : PortalPageModel
{
    public const int FollowUpCount = 5;

    public IReadOnlyList<PublishedFollowUp> FollowUps { get; private set; } = [];

    /// <summary>The first day of "this week" as the register's filter takes it: the last seven days in the city's time.</summary>
    public string WeekFrom { get; private set; } = "";
    public MapOptions Map => map.Value;

    public async Task OnGetAsync(CancellationToken ct)
    {
        FollowUps = (await followUps.LatestAsync(null, ct)).Take(FollowUpCount).ToList();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(sla.Value.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        WeekFrom = today.AddDays(-6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
