using System.Globalization;
using Aduan.Complaints;
using Aduan.Statistics;
using Aduan.Web;
using Aduan.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Aduan.Pages.Portal;

/// <summary>
/// Public statistics for a period (the last 30 days unless chosen): the period report's summary
/// and downloads, then counts by agency, category, channel, status and day or month, and the share
/// followed up within the deadline per agency. Each chart has its numbers in a table beside it.
/// </summary>
[EnableRateLimiting(RateLimits.PublicRead)]
public sealed class StatistikModel(StatisticsQueries stats, TimeProvider time) : PortalPageModel
{
    public const int DefaultDays = 30;

    /// <summary>A chart and its table: the table's header, and per row its label and cells (the first cell is the bar's).</summary>
    public sealed record Section(string Id, string Title, IReadOnlyList<string> Headers, IReadOnlyList<(Bar Bar, IReadOnlyList<string> Cells)> Rows);

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public PeriodReport? Report { get; private set; }

    public IReadOnlyList<Section> Sections { get; private set; } = [];

    public string Query => $"?from={From}&to={To}";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = Period.WibDate(time.GetUtcNow());
        From ??= Period.Iso(today.AddDays(1 - DefaultDays));
        To ??= Period.Iso(today);
        if (Period.Parse(From, To, out var error) is not { } period)
        {
            ModelState.AddModelError(nameof(From), T[error!]);
            return;
        }

        var numbers = await stats.PeriodAsync(period, ct);
        Report = PeriodReport.Create(numbers, T, CultureInfo.CurrentCulture);
        var byStatus = await stats.ByStatusAsync(period, ct);
        var timeline = await stats.TimelineAsync(period, ct);
        var deadlines = await stats.DeadlinesAsync(period, ct);
        string[] counts = [T["Stats.Received"], T["Stats.FollowedUp"]];
        Sections =
        [
            Counts("agency", T["Stats.ByAgency"], T["Stats.Agency"], counts, Report.ByAgency, c => c.Name),
            Counts("category", T["Stats.ByCategory"], T["Stats.Category"], counts, Report.ByCategory,
                c => c.Code.Length == 0 ? T["Stats.NoCategory"] : c.Name),
            Counts("channel", T["Stats.ByChannel"], T["Stats.Channel"], counts, Report.ByChannel, c => T["Channel." + c.Code]),
            new Section("status", T["Stats.ByStatus"], [T["Stats.Status"], T["Stats.Received"]],
                byStatus.OrderByDescending(s => s.Value).Select(s => Row(T["Status." + s.Key], s.Value, [N(s.Value)])).ToList()),
            new Section("timeline", T[period.Days <= 62 ? "Stats.ByDay" : "Stats.ByMonth"], [T["Stats.Period"], T["Stats.Received"]],
                timeline.Select(b => Row(b.Bucket.Days == 1 ? b.Bucket.From.ToString("d MMM", CultureInfo.CurrentCulture)
                    : b.Bucket.From.ToString("MMM yyyy", CultureInfo.CurrentCulture), b.Received, [N(b.Received)])).ToList()),
            new Section("deadline", T["Stats.OnTime"], [T["Stats.Agency"], T["Stats.OnTimeShare"], T["Stats.Decided"], T["Stats.OnTimeCount"]],
                deadlines.Select(d => Row(d.Name, (d.Share ?? 0) * 100, [d.Share is { } s ? s.ToString("P0", CultureInfo.CurrentCulture) : "–",
                    N(d.Decided), N(d.OnTime)])).ToList()),
        ];
    }

    private static Section Counts(string id, string title, string what, string[] counts, IReadOnlyList<CountView> rows, Func<CountView, string> label) =>
        new(id, title, [what, .. counts],
            rows.OrderByDescending(c => c.Received).Select(c => Row(label(c), c.Received, [N(c.Received), N(c.FollowedUp)])).ToList());

    private static (Bar, IReadOnlyList<string>) Row(string label, double value, string[] cells) => (new Bar(label, value, cells[0]), cells);

    private static string N(int value) => value.ToString("N0", CultureInfo.CurrentCulture);
}
