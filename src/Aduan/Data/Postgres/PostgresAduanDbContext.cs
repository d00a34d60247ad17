using Aduan.Complaints;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using NpgsqlTypes;

namespace Aduan.Data.Postgres;

/// <summary>PostgreSQL: full-text search through generated tsvector columns with GIN indexes (staff: the texts; public: the masked texts).</summary>
public sealed class PostgresAduanDbContext(DbContextOptions<PostgresAduanDbContext> options) : AduanDbContext(options)
{
    public const string SearchVector = nameof(SearchVector);
    public const string PublicSearchVector = nameof(PublicSearchVector);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // 'simple' does not stem: the same matching as SQLite's FTS5 (whole words and prefixes).
        builder.Entity<Complaint>().Property<NpgsqlTsVector>(SearchVector)
            .HasComputedColumnSql("""to_tsvector('simple', coalesce("Title", '') || ' ' || "Text")""", stored: true);
        builder.Entity<Complaint>().HasIndex(SearchVector).HasMethod("GIN");

        // The public search: only the masked texts (see ComplaintSearch).
        builder.Entity<Complaint>().Property<NpgsqlTsVector>(PublicSearchVector)
            .HasComputedColumnSql("""to_tsvector('simple', coalesce("PublicTitle", '') || ' ' || coalesce("PublicText", ''))""", stored: true);
        builder.Entity<Complaint>().HasIndex(PublicSearchVector).HasMethod("GIN");
    }
}

/// <summary>For <c>dotnet ef migrations add X --context PostgresAduanDbContext</c>; no database is touched.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAduanDbContext>
{
    public PostgresAduanDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAduanDbContext>().UseNpgsql("Host=localhost;Database=aduan_design").Options);
}
