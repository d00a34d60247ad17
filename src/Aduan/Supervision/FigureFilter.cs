using Aduan.Complaints;
using Aduan.Infrastructure;
using Aduan.Statistics;

namespace Aduan.Supervision;

/// <summary>
/// The staff list's filters that give the reports behind a dashboard figure. Each reads exactly as
/// <see cref="SupervisionQueries"/> counts: dates are WIB days, both ends included.
/// </summary>
/// <param name="From">Submitted on or after this day.</param>
/// <param name="To">Submitted on or before this day.</param>
/// <param name="Open">Only reports in an open state.</param>
/// <param name="Age">An <see cref="AgeBand"/> code: open this many days.</param>
/// <param name="Unassigned">Only reports no agency leads (still at verification).</param>
/// <param name="FollowedUp">Only reports with a final follow-up.</param>
/// <param name="OnTime">Only reports followed up at or before their resolution deadline.</param>
/// <param name="Late">Only reports followed up after it, or not followed up past it.</param>
/// <param name="Reopened">Only reports reopened at least once.</param>
/// <param name="Rated">Only reports the reporter rated.</param>
/// <param name="Asal"><c>impor</c>: only imported reports; <c>baru</c>: only those that came in through Aduan.</param>
/// <param name="FollowedFrom">Followed up on or after this day (with <paramref name="FollowedTo"/>).</param>
/// <param name="MissedFrom">A resolution deadline that fell due from this day (with <paramref name="MissedTo"/>) and was missed.</param>
public sealed record FigureFilter(
    string? From = null, string? To = null, bool? Open = null, string? Age = null, string? Kecamatan = null, bool? Unassigned = null,
    bool? FollowedUp = null, bool? OnTime = null, bool? Late = null, bool? Reopened = null, bool? Rated = null,
    string? Asal = null, string? FollowedFrom = null, string? FollowedTo = null, string? MissedFrom = null, string? MissedTo = null)
{
    /// <summary>The staff list's <c>flag</c> value for the Ombudsman-flagged reports (the filter itself is <see cref="Complaints.StaffListQuery.Flag"/>).</summary>
    public const string Ombudsman = "ombudsman";
    public const string Imported = "impor";
    public const string New = "baru";

    /// <summary>The <c>kecamatan</c> value for reports without one.</summary>
    public const string NoKecamatan = "-";

    public bool IsEmpty => this == new FigureFilter();

    /// <summary>The filtered query, or null with the reasons in <paramref name="v"/>.</summary>
    public IQueryable<Complaint>? Apply(IQueryable<Complaint> q, DateTimeOffset now, Validation v)
    {
        var submitted = Range("from", From, To, v);
        var followed = Range("followedfrom", FollowedFrom, FollowedTo, v);
        var missed = Range("missedfrom", MissedFrom, MissedTo, v);
        var band = Age is null ? null : AgeBand.Find(Age);
        if (Age is not null && band is null)
        {
            v.Add("age", "Field.Choice", Validation.Clip(Age), string.Join(", ", AgeBand.All.Select(b => b.Code)));
        }

        if (Asal is not null && Asal is not (Imported or New))
        {
            v.Add("asal", "Field.Choice", Validation.Clip(Asal), $"{Imported}, {New}");
        }

        var kecamatan = v.Text("kecamatan", Kecamatan, 1, 60, required: false);
        if (!v.IsValid)
        {
            return null;
        }

        if (submitted is { } s)
        {
            var (start, end) = (s.Start, s.End);
            q = q.Where(c => c.SubmittedAt >= start && c.SubmittedAt < end);
        }

        if (followed is { } f)
        {
            var (start, end) = (f.Start, f.End);
            q = q.Where(c => c.FollowedUpAt >= start && c.FollowedUpAt < end);
        }

        if (missed is { } m)
        {
            var (start, end) = (m.Start, m.End);
            q = q.Where(c => c.ResolutionDueAt >= start && c.ResolutionDueAt < end && c.ResolutionDueAt < now
                && (c.FollowedUpAt == null || c.FollowedUpAt > c.ResolutionDueAt));
        }

        if (Open == true)
        {
            q = q.Where(SupervisionQueries.IsOpen);
        }

        if (band is not null)
        {
            var upTo = band.SubmittedUpTo(now);
            q = q.Where(c => c.SubmittedAt <= upTo);
            if (band.SubmittedAfter(now) is { } after)
            {
                q = q.Where(c => c.SubmittedAt > after);
            }
        }

        if (kecamatan == NoKecamatan)
        {
            q = q.Where(c => c.Location.Kecamatan == null);
        }
        else if (kecamatan is not null)
        {
            q = q.Where(c => c.Location.Kecamatan == kecamatan);
        }

        q = Unassigned == true ? q.Where(c => c.LeadAgencyId == null) : q;
        q = FollowedUp == true ? q.Where(c => c.FollowedUpAt != null) : q;
        q = OnTime == true ? q.Where(c => c.FollowedUpAt != null && c.FollowedUpAt <= c.ResolutionDueAt) : q;
        q = Late == true
            ? q.Where(c => c.ResolutionDueAt != null && (c.FollowedUpAt > c.ResolutionDueAt || (c.FollowedUpAt == null && c.ResolutionDueAt < now)))
            : q;
        q = Reopened == true ? q.Where(c => c.ReopenCount > 0) : q;
        q = Rated == true ? q.Where(c => c.Rating != null) : q;
        q = Asal switch
        {
            Imported => q.Where(c => c.IsImported),
            New => q.Where(c => !c.IsImported),
            _ => q,
        };
        return q;
    }

    private static Period? Range(string field, string? from, string? to, Validation v)
    {
        if (from is null && to is null)
        {
            return null;
        }

        // One end alone reads as that single day.
        var period = Period.Parse(from ?? to, to ?? from, out var error);
        if (period is null)
        {
            v.Add(field, error!);
        }

        return period;
    }
}
