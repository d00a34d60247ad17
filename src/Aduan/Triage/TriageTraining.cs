using Aduan.Complaints;
using Aduan.Data;
using Aduan.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Triage;

/// <summary>A dispatched report as a training example: its text and the manager's last decision on it.</summary>
public sealed record HistoryExample(string Text, string Category, string Agency, DateTimeOffset SubmittedAt);

/// <summary>Category and agency figures of one train-then-test run.</summary>
public sealed record HistoryEvaluation(int Trained, int Tested, ClassifierMetrics Category, ClassifierMetrics? Agency);

/// <summary>
/// Trains the suggestion model from the city's own history. Every dispatched report is a label:
/// its category and lead agency are what the manager chose when dispatching (and, after a
/// forward, the agency it was forwarded to), so the manager's choice on the desk today is a label
/// of the next training. Reports still waiting, archived, referred or merged carry no decision.
/// </summary>
public sealed class TriageTraining(AduanDbContext db, TriageModelStore store, TimeProvider time, IOptions<TriageOptions> options)
{
    /// <summary>Dispatched reports submitted before <paramref name="before"/> (or all), the newest <see cref="TriageOptions.MaximumExamples"/>, oldest first.</summary>
    public async Task<IReadOnlyList<HistoryExample>> HistoryAsync(DateTimeOffset? before, DateTimeOffset? from, int max, CancellationToken ct)
    {
        var q = db.Complaints.AsNoTracking().Where(c => c.DispatchedAt != null && c.CategoryId != null && c.LeadAgencyId != null);
        if (before is { } b)
        {
            q = q.Where(c => c.SubmittedAt < b);
        }

        if (from is { } f)
        {
            q = q.Where(c => c.SubmittedAt >= f);
        }

        var rows = await q.OrderByDescending(c => c.SubmittedAt).ThenByDescending(c => c.Id).Take(max)
            .Select(c => new { c.Title, c.Text, c.Location.Kecamatan, c.Channel, Category = c.Category!.Code, Agency = c.LeadAgency!.Code, c.SubmittedAt })
            .ToListAsync(ct);
        rows.Reverse();
        return rows.Select(r => new HistoryExample(Features(r.Title, r.Text, r.Kecamatan, r.Channel), r.Category, r.Agency, r.SubmittedAt)).ToList();
    }

    /// <summary>
    /// Trains a new version when the history holds at least <see cref="TriageOptions.MinimumExamples"/>
    /// dispatched reports: measured first on the newest share held out, then trained on all of them.
    /// Null when there is too little history (the keywords keep suggesting). <paramref name="step"/>
    /// hears each step as it starts (the command line prints them, the admin page shows the current one).
    /// </summary>
    public async Task<TriageModel?> TrainAsync(CancellationToken ct, Action<string>? step = null)
    {
        var o = options.Value;
        step?.Invoke($"reading the newest {o.MaximumExamples} dispatched reports");
        var all = await HistoryAsync(null, null, o.MaximumExamples, ct);
        if (all.Count < o.MinimumExamples || all.Select(e => e.Category).Distinct().Count() < 2)
        {
            return null;
        }

        var held = (int)Math.Round(all.Count * o.HoldoutFraction);
        step?.Invoke($"measuring: training on the older {all.Count - held} reports, scoring the newest {held}");
        var evaluation = Evaluate(all.Take(all.Count - held).ToList(), all.Skip(all.Count - held).ToList());
        ct.ThrowIfCancellationRequested();
        step?.Invoke($"training the category model on all {all.Count} reports");
        var category = TextClassifier.Train(all.Select(e => new LabelledText(e.Text, e.Category)));
        TextClassifier? agency = null;
        if (all.Select(e => e.Agency).Distinct().Count() >= 2)
        {
            ct.ThrowIfCancellationRequested();
            step?.Invoke($"training the lead agency model on all {all.Count} reports");
            agency = TextClassifier.Train(all.Select(e => new LabelledText(e.Text, e.Agency)));
        }

        step?.Invoke("storing the new version");
        return store.Save(time.Now(), all.Count, held, evaluation?.Category, evaluation?.Agency, category, agency);
    }

    /// <summary>Trains on the reports submitted before <paramref name="until"/> and scores those submitted from it on.</summary>
    public async Task<HistoryEvaluation?> EvaluateHistoryAsync(DateTimeOffset until, CancellationToken ct, Action<string>? step = null)
    {
        var max = options.Value.MaximumExamples;
        step?.Invoke($"reading the newest {max} dispatched reports on each side of the date");
        var train = await HistoryAsync(until, null, max, ct);
        var test = await HistoryAsync(null, until, max, ct);
        step?.Invoke($"training on {train.Count} reports, scoring {test.Count}");
        return Evaluate(train, test);
    }

    /// <summary>Null when either side is empty or the training side names fewer than two categories.</summary>
    public static HistoryEvaluation? Evaluate(IReadOnlyList<HistoryExample> train, IReadOnlyList<HistoryExample> test)
    {
        if (test.Count == 0 || train.Select(e => e.Category).Distinct().Count() < 2)
        {
            return null;
        }

        var category = TextClassifier.Train(train.Select(e => new LabelledText(e.Text, e.Category)));
        ClassifierMetrics? agencyMetrics = null;
        if (train.Select(e => e.Agency).Distinct().Count() >= 2)
        {
            var agency = TextClassifier.Train(train.Select(e => new LabelledText(e.Text, e.Agency)));
            agencyMetrics = ClassifierMetrics.Of(test.Select(e => (e.Agency, agency.Predict(e.Text)[0].Label)).ToList());
        }

        return new HistoryEvaluation(train.Count, test.Count,
            ClassifierMetrics.Of(test.Select(e => (e.Category, category.Predict(e.Text)[0].Label)).ToList()), agencyMetrics);
    }

    public static string Join(string? title, string text) => string.IsNullOrWhiteSpace(title) ? text : title + ". " + text;

    /// <summary>
    /// What the classifier reads of a report: its title and text, then its kecamatan and channel as
    /// words, so that place and channel weigh in where the history shows they matter (a kecamatan
    /// office's work, a channel's typical requests).
    /// </summary>
    public static string Features(string? title, string text, string? kecamatan, Channel channel) =>
        $"{Join(title, text)} | kecamatan {kecamatan ?? "tanpa"} | kanal {channel.ToString().ToLowerInvariant()}";
}
