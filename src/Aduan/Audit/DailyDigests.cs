using System.Runtime.CompilerServices;
using Aduan.Data;
using Aduan.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Audit;

/// <summary>
/// Computes the day digests from the events table alone: the publisher, <c>audit digest</c> and
/// <c>audit verify --against</c> share it. A day is the city's calendar day (<c>Aduan:Sla:TimeZone</c>,
/// WIB), the same day the deadlines and the register count in.
/// </summary>
public sealed class DailyDigests(AduanDbContext db, IOptions<SlaOptions> sla)
{
    // Only the calendar's day arithmetic is used: holidays do not matter to a day's bounds.
    private readonly WorkingCalendar _calendar = new(WorkingCalendar.FindZone(sla.Value.TimeZone), new HashSet<DateOnly>());

    public DateOnly LocalDay(DateTimeOffset instant) => _calendar.LocalDate(instant);

    public DateTimeOffset StartOf(DateOnly day) => _calendar.StartOfLocalDay(day);

    /// <summary>The day of the earliest event: where the chain starts. Null before the first report.</summary>
    public async Task<DateOnly?> FirstDayAsync(CancellationToken ct)
    {
        var first = await db.ComplaintEvents.AsNoTracking().OrderBy(e => e.At).Select(e => e.At).Take(1).ToListAsync(ct);
        return first.Count == 0 ? null : LocalDay(first[0]);
    }

    /// <summary>
    /// One day on top of the previous day's digest. Its events are streamed in (report, sequence)
    /// order, found through the index on their instant; each hash is recomputed from the content.
    /// </summary>
    public async Task<DayDigest> ComputeAsync(DateOnly day, string previous, CancellationToken ct)
    {
        var (start, end) = (StartOf(day), StartOf(day.AddDays(1)));
        using var digest = new DayDigest.Builder(previous, day);
        var events = db.ComplaintEvents.AsNoTracking().Where(e => e.At >= start && e.At < end)
            .OrderBy(e => e.ComplaintId).ThenBy(e => e.Sequence).AsAsyncEnumerable();
        await foreach (var e in events.WithCancellation(ct))
        {
            digest.Add(e.ComputeHash());
        }

        return digest.Finish();
    }

    /// <summary>Every day's digest from the first event's day up to <paramref name="through"/>, recomputed in order.</summary>
    public async IAsyncEnumerable<DayDigest> ChainAsync(DateOnly through, [EnumeratorCancellation] CancellationToken ct)
    {
        if (await FirstDayAsync(ct) is not { } first)
        {
            yield break;
        }

        var previous = DayDigest.Genesis;
        for (var day = first; day <= through; day = day.AddDays(1))
        {
            var digest = await ComputeAsync(day, previous, ct);
            previous = digest.Digest;
            yield return digest;
        }
    }
}
