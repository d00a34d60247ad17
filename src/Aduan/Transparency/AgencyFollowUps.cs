using Aduan.Agencies;
using Aduan.Complaints;
using Aduan.Data;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Transparency;

public sealed record PublishedFollowUp(string TrackingCode, string ReportTitle, int Sequence, DateTimeOffset At, string Text, ComplaintStatus Status);

/// <summary>
/// An agency's latest public follow-ups on published reports, as its page, feeds and widget show
/// them. The follow-up texts pass <see cref="PersonalDataMask"/>.
/// </summary>
public sealed class AgencyFollowUps(AduanDbContext db, AgencyDirectory agencies, PublicRegister register)
{
    public const int Count = 20;

    public async Task<AgencyDirectory.Entry?> FindAgencyAsync(string code, CancellationToken ct) =>
        (await agencies.GetAsync(ct)).Values.FirstOrDefault(a => string.Equals(a.Code, code, StringComparison.OrdinalIgnoreCase));

    public async Task<IReadOnlyList<PublishedFollowUp>> LatestAsync(long agencyId, CancellationToken ct)
    {
        var published = register.Published();
        var rows = await db.ComplaintEvents.AsNoTracking()
            .Where(e => e.ActorAgencyId == agencyId && e.Type == ComplaintEventType.FollowUp && e.Visibility == EventVisibility.Public
                && e.Text != null)
            .Join(published, e => e.ComplaintId, c => c.Id, (e, c) => new
            {
                c.TrackingCode, c.Title, CategoryName = c.Category!.Name, e.Sequence, e.At, e.Id, e.Text, c.Status,
            })
            .OrderByDescending(x => x.At).ThenByDescending(x => x.Id)
            .Take(Count)
            .ToListAsync(ct);
        return rows.Select(r => new PublishedFollowUp(r.TrackingCode, PersonalDataMask.Apply(r.Title) ?? r.CategoryName ?? r.TrackingCode,
            r.Sequence, r.At, PersonalDataMask.Apply(r.Text) ?? "", r.Status)).ToList();
    }
}
