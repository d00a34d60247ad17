using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Aduan.Data.Sqlite;

/// <summary>SQLite: instants as UTC ticks; full-text search through FTS5 (created by a migration, see ComplaintSearch).</summary>
public sealed class SqliteAduanDbContext(DbContextOptions<SqliteAduanDbContext> options) : AduanDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // SQLite has no instant type; as UTC ticks they compare and sort in SQL and round-trip exactly,
        // which the event hash chain needs. All instants are UTC.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    protected override Task<int> WriteAheadAsync(IReadOnlyList<Type> types, CancellationToken ct) =>
        types.Count == 0 ? Task.FromResult(0) : PreparedInserts.WriteAsync(this, types, ct);

    protected override async Task<IAsyncDisposable?> BeginManyRowsAsync(CancellationToken ct) =>
        await StatementJournals.InMemoryAsync(this, this.GetService<ILoggerFactory>().CreateLogger<StatementJournals>(), ct);
}

/// <summary>Stores an instant as its UTC ticks (100 ns), losing nothing.</summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

/// <summary>For <c>dotnet ef migrations add X --context SqliteAduanDbContext</c>; no database is touched.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAduanDbContext>
{
    public SqliteAduanDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAduanDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
