using Aduan.Agencies;
using Aduan.Categories;
using Aduan.Complaints;
using Aduan.Identity;
using Aduan.Infrastructure;
using Aduan.Sla;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Aduan.Data;

public sealed class AduanDbContext(DbContextOptions<AduanDbContext> options) : IdentityDbContext<StaffUser>(options)
{
    public DbSet<Complaint> Complaints => Set<Complaint>();
    public DbSet<ComplaintEvent> ComplaintEvents => Set<ComplaintEvent>();
    public DbSet<ComplaintAssignment> Assignments => Set<ComplaintAssignment>();
    public DbSet<SlaClock> SlaClocks => Set<SlaClock>();
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Holiday> Holidays => Set<Holiday>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AduanDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in the database and safe against reordering.
        configurationBuilder.Properties<ComplaintStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ComplaintKind>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<PrivacyMode>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Channel>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Priority>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<EventVisibility>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ActorKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<AssignmentRole>().HaveConversion<string>().HaveMaxLength(8);
        configurationBuilder.Properties<ComplaintEventType>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<SlaClockKind>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<ServiceTier>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<HolidayKind>().HaveConversion<string>().HaveMaxLength(16);

        if (Database.IsSqlite())
        {
            // SQLite has no instant type; as UTC ticks they compare and sort in SQL and round-trip exactly,
            // which the event hash chain needs. All instants are UTC.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
    }
}

/// <summary>Stores an instant as its UTC ticks (100 ns), losing nothing.</summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
