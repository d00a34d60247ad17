using Aduan.Agencies;
using Aduan.Categories;
using Aduan.Complaints;

namespace Aduan.Triage;

/// <summary>
/// What the desk pre-selects for a new report: the three likeliest categories and lead agencies
/// with their confidence, where they came from (a model's version, or null for the keyword
/// fallback), and the emergency words found in the text.
/// </summary>
public sealed record TriageSuggestion(IReadOnlyList<ScoredLabel> Categories, IReadOnlyList<ScoredLabel> Agencies, int? ModelVersion,
    IReadOnlyList<string> UrgencyWords)
{
    public ScoredLabel? Category => Categories.Count > 0 ? Categories[0] : null;
    public ScoredLabel? Agency => Agencies.Count > 0 ? Agencies[0] : null;
}

/// <summary>Suggests a category and agency for a report (text, kecamatan, channel): the current model, else category keywords (text only).</summary>
public sealed class TriageSuggestions(TriageModelStore store, CategoryCatalog categories, AgencyDirectory agencies)
{
    private const int Shown = 3;

    public async Task<TriageSuggestion> SuggestAsync(string? title, string text, string? kecamatan, Channel channel, CancellationToken ct)
    {
        var joined = TriageTraining.Join(title, text);
        var features = TriageTraining.Features(title, text, kecamatan, channel);
        var active = await categories.ActiveAsync(ct);
        var activeCodes = active.Select(c => c.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var agencyById = await agencies.GetAsync(ct);
        var activeAgencies = agencyById.Values.Where(a => a.IsActive).Select(a => a.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var model = store.Current;
        var byCategory = (model is null ? CategoryKeywords.Score(joined, active.Select(c => (c.Code, c.Name))) : model.Category.Predict(features))
            .Where(s => activeCodes.Contains(s.Label)).Take(Shown).ToList();

        IReadOnlyList<ScoredLabel> byAgency;
        if (model?.Agency is { } agencyModel)
        {
            byAgency = agencyModel.Predict(features).Where(s => activeAgencies.Contains(s.Label)).Take(Shown).ToList();
        }
        else
        {
            // Without an agency model: each suggested category's usual agency, with that category's confidence.
            var defaults = active.ToDictionary(c => c.Code, c => c.DefaultAgencyId, StringComparer.OrdinalIgnoreCase);
            byAgency = byCategory
                .Select(s => (s.Score, Agency: defaults.GetValueOrDefault(s.Label) is { } id && agencyById.TryGetValue(id, out var a) ? a.Code : null))
                .Where(x => x.Agency is not null).GroupBy(x => x.Agency!).Select(g => new ScoredLabel(g.Key, g.Sum(x => x.Score))).ToList();
        }

        return new TriageSuggestion(byCategory, byAgency, model?.Info.Version, UrgencyWords.In(joined));
    }
}
