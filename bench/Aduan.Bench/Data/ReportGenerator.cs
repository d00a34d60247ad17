using System.Globalization;
using System.Text;
using Aduan.Complaints;
using T = Aduan.Bench.Data.IndonesianTexts;

namespace Aduan.Bench.Data;

/// <summary>What a citizen sends: text, category, place and (sometimes) who they are.</summary>
public sealed record ReportContent(
    string? Title, string Text, BenchCategory Category, ComplaintKind Kind, PrivacyMode Privacy, Channel Channel,
    string? ReporterName, string? Phone, string? Email, string? Kecamatan, string? Address, double? Lat, double? Lng);

/// <summary>
/// Realistic reports from a seeded <see cref="Random"/>: the same seed gives the same reports,
/// run after run. Categories follow <see cref="IndonesianTexts.CategoryWeights"/>.
/// </summary>
public sealed class ReportGenerator(ReferenceData reference, Random random)
{
    private readonly (BenchCategory Category, double Cumulative)[] _categories = Cumulative(reference.Categories);
    private readonly IReadOnlyList<string> _kecamatan = reference.Kecamatan;
    private readonly string[] _allKelurahan = T.Kelurahan.Values.SelectMany(k => k).ToArray();

    public Random Random => random;

    public ReportContent Next()
    {
        var category = PickCategory();
        var kecamatan = Chance(0.85) ? Pick(_kecamatan) : null;
        var kel = Pick(T.Kelurahan.GetValueOrDefault(kecamatan ?? "", _allKelurahan));
        var street = Pick(T.Streets);
        var named = Chance(0.6);
        var first = Pick(T.FirstNames);
        var last = Pick(T.LastNames);
        var pinned = Chance(0.4); // a location picked on the map, inside Kota Bekasi
        return new ReportContent(
            Title: Chance(0.4) ? Fill(Pick(T.Titles), kel, kecamatan, street) : null,
            Text: Text(category, kel, kecamatan, street),
            Category: category,
            Kind: Weighted((ComplaintKind.Complaint, 85), (ComplaintKind.Aspiration, 10), (ComplaintKind.InformationRequest, 5)),
            Privacy: Weighted((PrivacyMode.Anonymous, 70), (PrivacyMode.Public, 20), (PrivacyMode.Confidential, 10)),
            Channel: Weighted((Channel.Web, 50), (Channel.Sms, 20), (Channel.CallCenter, 15), (Channel.App, 15)),
            ReporterName: named ? $"{first} {last}" : null,
            Phone: Chance(0.5) ? Pick(T.MobilePrefixes) + random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture) : null,
            Email: named && Chance(0.2) ? $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}{random.Next(1, 999)}@gmail.com" : null,
            Kecamatan: kecamatan,
            Address: Chance(0.5) ? $"{street} RT 0{random.Next(1, 10)}/RW 0{random.Next(1, 10)}, {kel}" : null,
            Lat: pinned ? Math.Round(-6.38 + (random.NextDouble() * 0.18), 6) : null,
            Lng: pinned ? Math.Round(106.93 + (random.NextDouble() * 0.12), 6) : null);
    }

    /// <summary>E.164, as the app stores a phone number after intake.</summary>
    public static string? ToE164(string? localPhone) => localPhone is null ? null : "+62" + localPhone[1..];

    public bool Chance(double p) => random.NextDouble() < p;

    public TItem Pick<TItem>(IReadOnlyList<TItem> items) => items[random.Next(items.Count)];

    public TItem Weighted<TItem>(params (TItem Item, double Weight)[] choices)
    {
        var x = random.NextDouble() * choices.Sum(c => c.Weight);
        foreach (var (item, weight) in choices)
        {
            if ((x -= weight) < 0)
            {
                return item;
            }
        }

        return choices[^1].Item;
    }

    private BenchCategory PickCategory()
    {
        var x = random.NextDouble() * _categories[^1].Cumulative;
        foreach (var (category, cumulative) in _categories)
        {
            if (x < cumulative)
            {
                return category;
            }
        }

        return _categories[^1].Category;
    }

    private string Text(BenchCategory category, string kel, string? kec, string street)
    {
        var template = T.Templates.TryGetValue(category.Code, out var own)
            ? Pick(own)
            : Pick(T.GenericTemplates).Replace("{topik}", T.Topics.GetValueOrDefault(category.Code, "fasilitas umum"), StringComparison.Ordinal);
        var text = new StringBuilder(Fill(template, kel, kec, street));
        for (var extra = random.Next(0, 4); extra > 0; extra--)
        {
            text.Append(' ').Append(Pick(T.Closings));
        }

        return text.ToString();
    }

    private string Fill(string template, string kel, string? kec, string street) => template
        .Replace("{jalan}", street, StringComparison.Ordinal)
        .Replace("{kel}", kel, StringComparison.Ordinal)
        .Replace("{kec}", kec ?? "Bekasi Timur", StringComparison.Ordinal)
        .Replace("{tempat}", Pick(T.Places), StringComparison.Ordinal)
        .Replace("{n}", random.Next(2, 9).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static (BenchCategory, double)[] Cumulative(IReadOnlyList<BenchCategory> categories)
    {
        var sum = 0.0;
        return categories.Select(c => (c, sum += T.CategoryWeights.GetValueOrDefault(c.Code, 0.5))).ToArray();
    }
}
