using Aduan.Complaints;
using Aduan.Data;
using Aduan.Identity;
using Aduan.Infrastructure;
using Aduan.Transparency;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Triage;

/// <summary>An open report like the one being written, as a citizen may see it: no reporter, the text masked.</summary>
public sealed record SimilarReport(string TrackingCode, string Excerpt, ComplaintStatus Status, string? Category, int Supporters,
    DateTimeOffset SubmittedAt);

/// <summary>Another report shown beside one (the reporter's earlier ones, possible duplicates, a look-up), for staff.</summary>
public sealed record RelatedReport(string TrackingCode, string Excerpt, ComplaintStatus Status, DateTimeOffset SubmittedAt);

/// <summary>
/// Every "is this the same?" query in one place, for the triage work to replace with a real
/// similarity search: the portal's offer of similar open reports, the desk's likely duplicates, and
/// a reporter's other reports (the desk, the call-center console).
/// </summary>
public sealed class SimilarReports(AduanDbContext db, TimeProvider time)
{
    private static readonly ComplaintStatus[] Open = Enum.GetValues<ComplaintStatus>().Where(s => !ComplaintStateMachine.IsClosed(s)).ToArray();

    private const double RadiusDegrees = 0.0045; // ~500 m of latitude
    private const int ExcerptLength = 160;


    /// <summary>
    /// Reports a citizen is about to duplicate: the last 30 days, still open, published ones only
    /// (never Confidential). Same category within ~500 m of the pin, or in the same kecamatan without
    /// a pin; without a category, the same rare words in that area, searched in the masked texts only
    /// (as the public register searches: the citizen sees those).
    /// </summary>
    public async Task<IReadOnlyList<SimilarReport>> OpenNearbyAsync(NewComplaint input, CancellationToken ct)
    {
        var since = time.Now() - TimeSpan.FromDays(30);
        // Only what the public register shows (verified, not confidential), and still open.
        var q = db.Complaints.AsNoTracking().WherePublished()
            .Where(c => c.SubmittedAt >= since && Open.Contains(c.Status));
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
            q = q.MatchingPublicText(db, rare);
        }

        var found = await q.OrderByDescending(c => c.SubmittedAt).Take(5)
            .Select(c => new { c.TrackingCode, c.Text, c.Status, Category = c.Category!.Name, c.Supporters, c.SubmittedAt })
            .ToListAsync(ct);
        return found.Select(c => new SimilarReport(c.TrackingCode, Clip(PersonalDataMask.Apply(c.Text)!), c.Status, c.Category,
            c.Supporters, c.SubmittedAt)).ToList();
    }

    /// <summary>
    /// What the desk needs to decide on <paramref name="c"/>: likely duplicates from the 30 days before
    /// it (same category and kecamatan, or the same three longest words), newest first.
    /// </summary>
    public async Task<IReadOnlyList<RelatedReport>> LikelyDuplicatesAsync(Complaint c, CancellationToken ct)
    {
        var since = c.SubmittedAt.AddDays(-30);
        var recent = db.Complaints.AsNoTracking().Where(o => o.Id != c.Id && o.SubmittedAt >= since && o.Status != ComplaintStatus.Merged);
        var found = new List<RelatedReport>();
        if (c.CategoryId is { } category && c.Location.Kecamatan is { } kecamatan)
        {
            found.AddRange(await LatestAsync(recent.Where(o => o.CategoryId == category && o.Location.Kecamatan == kecamatan), 5, ct));
        }

        var keywords = string.Join(' ', c.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(char.IsLetter).ToArray()).ToLowerInvariant())
            .Where(w => w.Length >= 5).Distinct().OrderByDescending(w => w.Length).Take(3));
        if (keywords.Length > 0)
        {
            found.AddRange(await LatestAsync(recent.Matching(db, keywords), 5, ct));
        }

        return found.DistinctBy(r => r.TrackingCode).OrderByDescending(r => r.SubmittedAt).Take(8).ToList();
    }

    /// <summary>The same reporter's other reports (by phone, else e-mail), newest first.</summary>
    public async Task<IReadOnlyList<RelatedReport>> SameReporterAsync(Complaint c, CancellationToken ct)
    {
        var others = db.Complaints.AsNoTracking().Where(o => o.Id != c.Id);
        return c.Reporter switch
        {
            { Phone: { } phone } => await LatestAsync(others.Where(o => o.Reporter.Phone == phone), 5, ct),
            { Email: { } email } => await LatestAsync(others.Where(o => o.Reporter.Email == email), 5, ct),
            _ => [],
        };
    }

    /// <summary>
    /// The newest reports from a phone number (E.164), for the call-center console: only those whose
    /// reporter <paramref name="staff"/> may see (<see cref="ComplaintScope.CanSeeReporter"/>), else the
    /// look-up would tell an operator who filed an anonymous or confidential report.
    /// </summary>
    public async Task<IReadOnlyList<RelatedReport>> ByPhoneAsync(string phone, StaffMember staff, CancellationToken ct)
    {
        var q = db.Complaints.AsNoTracking().Where(c => c.Reporter.Phone == phone);
        if (!ComplaintScope.CanSeeReporter(staff, PrivacyMode.Anonymous))
        {
            q = q.Where(c => c.Privacy == PrivacyMode.Public);
        }

        return await LatestAsync(q, 10, ct);
    }

    /// <summary>The report with this (normalized) tracking code, as a list of at most one.</summary>
    public async Task<IReadOnlyList<RelatedReport>> ByCodeAsync(string code, CancellationToken ct) =>
        await LatestAsync(db.Complaints.AsNoTracking().Where(c => c.TrackingCode == code), 1, ct);

    private static Task<List<RelatedReport>> LatestAsync(IQueryable<Complaint> q, int count, CancellationToken ct) =>
        q.OrderByDescending(o => o.SubmittedAt).Take(count)
            .Select(o => new RelatedReport(o.TrackingCode, o.Text.Substring(0, 120), o.Status, o.SubmittedAt)).ToListAsync(ct);

    private static string Clip(string text) => text.Length <= ExcerptLength ? text : text[..ExcerptLength] + "…";
}
