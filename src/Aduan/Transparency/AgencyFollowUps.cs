using Aduan.Agencies;
using Aduan.Complaints;
using Aduan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Aduan.Transparency;

public sealed record PublishedFollowUp(string TrackingCode, string ReportTitle, int Sequence, DateTimeOffset At, string Text, ComplaintStatus Status);

/// <summary>
/// An agency's latest public follow-ups on published reports, as its page, feeds and widget show
/// them; or the whole city's, as the home page shows them (no agency). The follow-up texts pass <see cref="PersonalDataMask"/>. Kept for a minute per agency:
/// every visit to a page carrying an agency's widget asks for them, and the events table has no
/// index by agency (see README, left for a migration).
/// </summary>
public sealed class AgencyFollowUps(AduanDbContext db, AgencyDirectory agencies, PublicRegister register, IMemoryCache cache)
{
    public const int Count = 20;
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    public async Task<AgencyDirectory.Entry?> FindAgencyAsync(string code, CancellationToken ct) =>
        (await agencies.GetAsync(ct)).Values.FirstOrDefault(a => string.Equals(a.Code, code, StringComparison.OrdinalIgnoreCase));

    public async Task<IReadOnlyList<PublishedFollowUp>> LatestAsync(long? agencyId, CancellationToken ct) =>
        (await cache.GetOrCreateAsync("transparency:follow-ups:" + (agencyId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "city"), e =>
        {
            e.AbsoluteExpirationRelativeToNow = CacheFor;
            return LoadAsync(agencyId, ct);
        }))!;

    /// <summary>City-wide, the events' (At, ...) index is read newest first until enough published follow-ups are found.</summary>
    private async Task<IReadOnlyList<PublishedFollowUp>> LoadAsync(long? agencyId, CancellationToken ct)
    {
        var published = register.Published();
        var events = db.ComplaintEvents.AsNoTracking();
        if (agencyId is { } id)
        {
            events = events.Where(e => e.ActorAgencyId == id);
        }

        var rows = await events
            .Where(e => e.Type == ComplaintEventType.FollowUp && e.Visibility == EventVisibility.Public && e.Text != null)
            .Join(published, e => e.ComplaintId, c => c.Id, (e, c) => new
            {
                c.TrackingCode, c.Title, TextStart = c.PublicText!.Substring(0, PublicRegister.HeadlineLength * 2),
                CategoryName = c.Category!.Name, e.Sequence, e.At, e.Id, e.Text, c.Status,
            })
            .OrderByDescending(x => x.At).ThenByDescending(x => x.Id)
            .Take(Count)
            .ToListAsync(ct);
        return rows.Select(r => new PublishedFollowUp(r.TrackingCode, PersonalDataMask.Apply(r.Title) ?? PublicRegister.Headline(r.TextStart) ?? r.CategoryName ?? r.TrackingCode,
            r.Sequence, r.At, PersonalDataMask.Apply(r.Text) ?? "", r.Status)).ToList();
    }
}
