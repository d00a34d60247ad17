using System.Data.Common;
using Aduan.Categories;

namespace Aduan.Bench.Data;

public sealed record BenchAgency(long Id, string Code, string ShortName, string Kind);

public sealed record BenchCategory(long Id, string Code, long? DefaultAgencyId, ServiceTier Tier, bool UrgentPossible);

/// <summary>The seeded city as the app stored it: agencies, categories and holidays, read straight from the database.</summary>
public sealed record ReferenceData(
    IReadOnlyList<BenchAgency> Agencies, IReadOnlyList<BenchCategory> Categories, IReadOnlySet<DateOnly> Holidays)
{
    public IReadOnlyList<string> Kecamatan => Agencies.Where(a => a.Kind == "kecamatan")
        .Select(a => a.ShortName.Replace("Kec. ", "", StringComparison.Ordinal)).ToList();

    public BenchAgency Agency(long id) => Agencies.First(a => a.Id == id);

    /// <summary>Quoted names work on both SQLite and PostgreSQL.</summary>
    public static async Task<ReferenceData> ReadAsync(DbConnection connection, CancellationToken ct)
    {
        var agencies = await ReadAsync(connection, """SELECT "Id", "Code", "ShortName", "Kind" FROM "Agencies" WHERE "IsActive" ORDER BY "Id" """,
            r => new BenchAgency(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3)), ct);
        var categories = await ReadAsync(connection,
            """SELECT "Id", "Code", "DefaultAgencyId", "Tier", "UrgentPossible" FROM "Categories" WHERE "IsActive" ORDER BY "Id" """,
            r => new BenchCategory(r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetInt64(2),
                Enum.Parse<ServiceTier>(r.GetString(3)), r.GetBoolean(4)), ct);
        var holidays = await ReadAsync(connection, """SELECT "Date" FROM "Holidays" """, r => r.GetFieldValue<DateOnly>(0), ct);
        return new ReferenceData(agencies, categories, holidays.ToHashSet());
    }

    private static async Task<List<T>> ReadAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> map, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
