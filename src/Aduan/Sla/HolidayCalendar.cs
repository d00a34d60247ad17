using System.Globalization;
using Aduan.Data;
using Aduan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Sla;

/// <summary>
/// The editable list of non-working days, shared by the admin API and the command line. Each
/// change is audited; deadlines computed after it use it within a minute (the policy cache).
/// Clocks already running keep the due instant they were given.
/// </summary>
public sealed class HolidayCalendar(AduanDbContext db, AuditTrail audit, SlaPolicyProvider sla)
{
    public Task<List<Holiday>> ListAsync(int? year, CancellationToken ct) =>
        db.Holidays.AsNoTracking()
            .Where(h => year == null || (h.Date >= new DateOnly(year.Value, 1, 1) && h.Date <= new DateOnly(year.Value, 12, 31)))
            .OrderBy(h => h.Date).ToListAsync(ct);

    /// <summary>Adds or corrects one day; returns true when it was new.</summary>
    public async Task<bool> SetAsync(DateOnly date, HolidayKind kind, string name, string actorName, string? actorUserId, CancellationToken ct) =>
        await SetManyAsync([(date, kind, name)], actorName, actorUserId, ct) == 1;

    /// <summary>Adds or corrects several days in one transaction (a whole decree, or nothing); returns how many were new.</summary>
    public async Task<int> SetManyAsync(IReadOnlyList<(DateOnly Date, HolidayKind Kind, string Name)> days, string actorName, string? actorUserId,
        CancellationToken ct)
    {
        var dates = days.Select(d => d.Date).ToList();
        var existing = await db.Holidays.Where(h => dates.Contains(h.Date)).ToDictionaryAsync(h => h.Date, ct);
        foreach (var (date, kind, name) in days)
        {
            if (existing.TryGetValue(date, out var day))
            {
                (day.Kind, day.Name) = (kind, name);
            }
            else
            {
                db.Holidays.Add(new Holiday { Date = date, Kind = kind, Name = name });
            }

            audit.Record(actorName, actorUserId, "holiday.set", Iso(date), new { kind = kind.ToString(), name });
        }

        await db.SaveChangesAsync(ct);
        sla.Invalidate();
        return days.Count(d => !existing.ContainsKey(d.Date));
    }

    public static bool IsSupportedYear(int year) => year is >= 2000 and <= 2100;

    public async Task<bool> RemoveAsync(DateOnly date, string actorName, string? actorUserId, CancellationToken ct)
    {
        var existing = await db.Holidays.SingleOrDefaultAsync(h => h.Date == date, ct);
        if (existing is null)
        {
            return false;
        }

        db.Holidays.Remove(existing);
        audit.Record(actorName, actorUserId, "holiday.remove", Iso(date), new { kind = existing.Kind.ToString(), existing.Name });
        await db.SaveChangesAsync(ct);
        sla.Invalidate();
        return true;
    }

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The names used in CSV files, the API and the command line (the inverse of <see cref="TryParseKind"/>).</summary>
    public static string KindName(HolidayKind kind) => kind == HolidayKind.CutiBersama ? "cuti_bersama" : "holiday";

    public static bool TryParseKind(string? value, out HolidayKind kind)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "holiday":
                kind = HolidayKind.Holiday;
                return true;
            case "cuti_bersama" or "cutibersama":
                kind = HolidayKind.CutiBersama;
                return true;
            default:
                kind = default;
                return false;
        }
    }
}
