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
/// Every "is this the same?" query in one place: the portal's offer of similar open reports and the
/// desk's likely duplicates (both <see cref="DuplicateSearch"/>), and a reporter's other reports
/// (the desk, the call-center console).
/// </summary>
public sealed class SimilarReports(AduanDbContext db, DuplicateSearch duplicates, TimeProvider time)
{
    /// <summary>
    /// Reports a citizen is about to duplicate (<see cref="DuplicateSearch"/>, published reports only,
    /// compared and shown masked): at most five, likeliest first.
    /// </summary>
    public async Task<IReadOnlyList<SimilarReport>> OpenNearbyAsync(NewComplaint input, CancellationToken ct)
    {
        var found = await duplicates.FindAsync(new DuplicateQuery(input.Title, input.Text, input.Category?.Id, input.Location, time.Now(),
            PublishedOnly: true), 5, ct);
        return found.Select(c => new SimilarReport(c.TrackingCode, c.Excerpt, c.Status, c.Category, c.Supporters, c.SubmittedAt)).ToList();
    }

    /// <summary>
    /// For the call-center console once a call is recorded: published open reports like it (masked, as
    /// the caller could read them on the portal), so the operator can tell the caller the problem is known.
    /// </summary>
    public async Task<IReadOnlyList<SimilarReport>> PublishedLikeAsync(Complaint c, CancellationToken ct)
    {
        var found = await duplicates.FindAsync(new DuplicateQuery(c.Title, c.Text, c.CategoryId, c.Location, c.SubmittedAt, c.Id,
            PublishedOnly: true), 5, ct);
        return found.Select(d => new SimilarReport(d.TrackingCode, d.Excerpt, d.Status, d.Category, d.Supporters, d.SubmittedAt)).ToList();
    }

    /// <summary>What the desk needs to decide on <paramref name="c"/>: likely duplicates submitted before it, likeliest first.</summary>
    public Task<IReadOnlyList<DuplicateCandidate>> LikelyDuplicatesAsync(Complaint c, CancellationToken ct) =>
        duplicates.FindAsync(new DuplicateQuery(c.Title, c.Text, c.CategoryId, c.Location, c.SubmittedAt, c.Id), 8, ct);

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

}
