using Aduan.Agencies;
using Aduan.Audit;
using Aduan.Categories;
using Aduan.Identity;
using Aduan.Infrastructure;
using Aduan.Outbox;
using Aduan.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aduan.Data.Configurations;

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> b)
    {
        b.HasIndex(a => a.Code).IsUnique();
        b.Property(a => a.Code).HasMaxLength(40);
        b.Property(a => a.Name).HasMaxLength(200);
        b.Property(a => a.ShortName).HasMaxLength(60);
        b.Property(a => a.Kind).HasMaxLength(20);
        b.Property(a => a.WebhookUrl).HasMaxLength(500);
        b.Property(a => a.WebhookSecret).HasMaxLength(1000);
    }
}

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> b)
    {
        b.HasIndex(c => c.Code).IsUnique();
        b.Property(c => c.Code).HasMaxLength(40);
        b.Property(c => c.Name).HasMaxLength(200);
        b.HasOne(c => c.DefaultAgency).WithMany().HasForeignKey(c => c.DefaultAgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class HolidayConfiguration : IEntityTypeConfiguration<Holiday>
{
    public void Configure(EntityTypeBuilder<Holiday> b)
    {
        b.HasKey(h => h.Date);
        b.Property(h => h.Name).HasMaxLength(200);
    }
}

internal sealed class SlaClockConfiguration : IEntityTypeConfiguration<SlaClock>
{
    public void Configure(EntityTypeBuilder<SlaClock> b)
    {
        b.HasIndex(k => k.ComplaintId);

        // The deadline sweep: running clocks by due instant.
        b.HasIndex(k => new { k.StoppedAt, k.DueAt });

        // The escalation sweep: running clocks by their next step's instant, earliest first, a range of one index. Not a
        // partial index: SQLite's planner passed it over for the one above and sorted.
        b.Property(k => k.NextStep).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(k => new { k.StoppedAt, k.NextStepAt });
    }
}

internal sealed class EscalationConfiguration : IEntityTypeConfiguration<Escalations.Escalation>
{
    public void Configure(EntityTypeBuilder<Escalations.Escalation> b)
    {
        b.Property(e => e.Step).HasConversion<string>().HasMaxLength(16);
        b.HasOne<Complaints.Complaint>().WithMany().HasForeignKey(e => e.ComplaintId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SlaClock>().WithMany().HasForeignKey(e => e.ClockId).OnDelete(DeleteBehavior.Restrict);

        // Exactly once: a clock takes each step once, a report is flagged for the Ombudsman once.
        b.HasIndex(e => new { e.ClockId, e.Step }).IsUnique().HasFilter("\"ClockId\" IS NOT NULL");
        b.HasIndex(e => new { e.ComplaintId, e.Step }).IsUnique().HasFilter("\"ClockId\" IS NULL");
    }
}

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(120);
        b.HasOne(u => u.Agency).WithMany().HasForeignKey(u => u.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.HasKey(r => r.Key);
        b.Property(r => r.Key).HasMaxLength(IdempotencyRecord.MaxKeyLength);
        b.Property(r => r.RequestHash).HasMaxLength(64);
        b.HasIndex(r => r.CreatedAt);
        b.HasOne(r => r.Complaint).WithMany().HasForeignKey(r => r.ComplaintId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(e => e.ActorName).HasMaxLength(120);
        b.Property(e => e.ActorUserId).HasMaxLength(64);
        b.Property(e => e.Action).HasMaxLength(60);
        b.Property(e => e.Subject).HasMaxLength(200);
        b.HasIndex(e => e.At);
    }
}

internal sealed class AuditDigestConfiguration : IEntityTypeConfiguration<AuditDigest>
{
    public void Configure(EntityTypeBuilder<AuditDigest> b)
    {
        b.HasKey(d => d.Day);
        b.Property(d => d.Digest).HasMaxLength(64);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.Property(m => m.Type).HasMaxLength(40);
        b.Property(m => m.IdempotencyKey).HasMaxLength(200);
        b.HasIndex(m => m.IdempotencyKey).IsUnique();
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(m => m.LockedBy).HasMaxLength(60);
        b.Property(m => m.LastError).HasMaxLength(500);

        // The dispatcher's claim: due pending messages, oldest first.
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
    }
}

internal sealed class ServerSecretConfiguration : IEntityTypeConfiguration<ServerSecret>
{
    public void Configure(EntityTypeBuilder<ServerSecret> b)
    {
        b.HasKey(s => s.Name);
        b.Property(s => s.Name).HasMaxLength(ServerSecret.MaxNameLength);
    }
}
