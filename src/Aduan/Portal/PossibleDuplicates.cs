using Aduan.Complaints;
using Aduan.Data;
using Aduan.Infrastructure;
using Aduan.Transparency;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Portal;

/// <summary>An open report like the one being written, as a citizen may see it: no reporter, the text masked.</summary>
public sealed record SimilarReport(string TrackingCode, string Excerpt, ComplaintStatus Status, string? Category, int Supporters,
    DateTimeOffset SubmittedAt);

/// <summary>
/// Reports a citizen is about to duplicate: the last 30 days, still open, published ones only
/// (never Confidential). Same category within ~500 m of the pin, or in the same kecamatan without
/// a pin; without a category, the same rare words (full-text search) in that area.
/// </summary>
public sealed class PossibleDuplicates(AduanDbContext db, TimeProvider time)
{
    private const double RadiusDegrees = 0.0045; // ~500 m of latitude
    private const int ExcerptLength = 160;

    private static readonly ComplaintStatus[] Open = Enum.GetValues<ComplaintStatus>().Where(s => !ComplaintStateMachine.IsClosed(s)).ToArray();

    public async Task<IReadOnlyList<SimilarReport>> FindAsync(NewComplaint input, CancellationToken ct)
    {
        var since = time.Now() - TimeSpan.FromDays(30);
        var q = db.Complaints.AsNoTracking()
            .Where(c => c.SubmittedAt >= since && Open.Contains(c.Status)
                && (c.Privacy == PrivacyMode.Public || c.Privacy == PrivacyMode.Anonymous));
        var l = input.Location;
        if (l.Latitude is { } lat && l.Longitude is { } lng)
        {
            var dLng = RadiusDegrees / Math.Max(0.1, Math.Cos(lat * Math.PI / 180));
            q = q.Where(c => c.Location.Latitude >= lat - RadiusDegrees && c.Location.Latitude <= lat + RadiusDegrees
                && c.Location.Longitude >= lng - dLng && c.Location.Longitude <= lng + dLng);
        }
        else if (l.Kecamatan is { } kecamatan)
        {
            q = q.Where(c => c.Location.Kecamatan == kecamatan);
        }
        else
        {
            return [];
        }

        if (input.Category is { } category)
        {
            q = q.Where(c => c.CategoryId == category.Id);
        }
        else
        {
            var rare = string.Join(' ', input.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                .OrderByDescending(w => w.Length).Take(2));
            q = q.Matching(db, rare);
        }

        var found = await q.OrderByDescending(c => c.SubmittedAt).Take(5)
            .Select(c => new { c.TrackingCode, c.Text, c.Status, Category = c.Category!.Name, c.Supporters, c.SubmittedAt })
            .ToListAsync(ct);
        return found.Select(c => new SimilarReport(c.TrackingCode, PersonalDataMask.Apply(Clip(c.Text))!, c.Status, c.Category,
            c.Supporters, c.SubmittedAt)).ToList();
    }

    private static string Clip(string text) => text.Length <= ExcerptLength ? text : text[..ExcerptLength] + "…";
}
