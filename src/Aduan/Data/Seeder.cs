using System.Globalization;
using Aduan.Agencies;
using Aduan.Categories;
using Aduan.Sla;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Data;

/// <summary>
/// Loads the demo city (Data/Seed: Kota Bekasi's agencies and categories, the centres of its
/// kecamatan, the 2026 holidays) into empty tables only, so what admins edit later is never overwritten.
/// </summary>
public sealed class Seeder(AduanDbContext db, ILogger<Seeder> logger)
{
    private static string SeedPath(string file) => Path.Combine(AppContext.BaseDirectory, "Data", "Seed", file);

    public async Task SeedAsync(CancellationToken ct)
    {
        if (!await db.Agencies.AnyAsync(ct))
        {
            var agencies = Read<AgencyRow>("agencies.csv").Select(r => new Agency
            {
                Code = r.code, Name = r.name, ShortName = r.short_name, Kind = r.kind, HasUrc = r.urc,
            }).ToList();
            db.Agencies.AddRange(agencies);
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Seeded {Count} agencies", agencies.Count);
        }

        // Centres only where no kecamatan has one yet: a database seeded before they existed gets them once.
        if (!await db.Agencies.AnyAsync(a => a.Kind == "kecamatan" && a.Latitude != null, ct))
        {
            var centres = Read<KecamatanRow>("kecamatan.csv").ToDictionary(r => "Kecamatan " + r.kecamatan, StringComparer.OrdinalIgnoreCase);
            var offices = await db.Agencies.Where(a => a.Kind == "kecamatan").ToListAsync(ct);
            foreach (var office in offices.Where(o => centres.ContainsKey(o.Name)))
            {
                (office.Latitude, office.Longitude) = (centres[office.Name].lat, centres[office.Name].lng);
            }

            await db.SaveChangesAsync(ct);
        }

        if (!await db.Categories.AnyAsync(ct))
        {
            var agencyIds = await db.Agencies.ToDictionaryAsync(a => a.Code, a => a.Id, ct);
            var categories = Read<CategoryRow>("categories.csv").Select(r => new Category
            {
                Code = r.code,
                Name = r.name,
                DefaultAgencyId = string.IsNullOrEmpty(r.default_agency) ? null : agencyIds[r.default_agency],
                Tier = ParseTier(r.tier),
                UrgentPossible = r.urgent_possible,
                IsEmergency = r.emergency,
            }).ToList();
            db.Categories.AddRange(categories);
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Seeded {Count} categories", categories.Count);
        }

        if (!await db.Holidays.AnyAsync(ct))
        {
            var holidays = Directory.EnumerateFiles(Path.GetDirectoryName(SeedPath("x"))!, "holidays-*.csv")
                .SelectMany(f => Read<HolidayRow>(Path.GetFileName(f)))
                .Select(r => new Holiday
                {
                    Date = DateOnly.ParseExact(r.date, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    Kind = HolidayCalendar.TryParseKind(r.kind, out var kind) ? kind : throw new FormatException($"Unknown holiday kind '{r.kind}'."),
                    Name = r.name,
                }).ToList();
            db.Holidays.AddRange(holidays);
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Seeded {Count} holidays", holidays.Count);
        }
    }

    public static ServiceTier ParseTier(string tier) => tier switch
    {
        "light" => ServiceTier.Light,
        "normative" => ServiceTier.Normative,
        "non_supervisory" => ServiceTier.NonSupervisory,
        "field_examination" => ServiceTier.FieldExamination,
        _ => throw new FormatException($"Unknown service tier '{tier}' in categories.csv."),
    };

    private static List<T> Read<T>(string file)
    {
        using var reader = new StreamReader(SeedPath(file));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        return csv.GetRecords<T>().ToList();
    }

#pragma warning disable IDE1006, CA1812 // Property names follow the CSV headers; CsvHelper creates the rows.
    private sealed record AgencyRow(string code, string name, string short_name, string kind, bool urc);

    private sealed record CategoryRow(string code, string name, string default_agency, string tier, bool urgent_possible, bool emergency);

    private sealed record KecamatanRow(string kecamatan, double lat, double lng);

    private sealed record HolidayRow(string date, string kind, string name);
#pragma warning restore IDE1006, CA1812
}
