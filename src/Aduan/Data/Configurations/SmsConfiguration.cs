using Aduan.Complaints;
using Aduan.Sms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aduan.Data.Configurations;

internal sealed class SmsMessageConfiguration : IEntityTypeConfiguration<SmsMessage>
{
    public void Configure(EntityTypeBuilder<SmsMessage> b)
    {
        b.Property(m => m.Direction).HasConversion<string>().HasMaxLength(8);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(m => m.Gateway).HasMaxLength(20);
        b.Property(m => m.ExternalId).HasMaxLength(100);
        b.Property(m => m.Phone).HasMaxLength(40);
        b.Property(m => m.Text).HasMaxLength(SmsMessage.MaxTextLength);
        b.Property(m => m.Intent).HasMaxLength(20);

        // A gateway's repeated delivery is the same row.
        b.HasIndex(m => new { m.Gateway, m.ExternalId }).IsUnique();

        // The recovery pass, a number's rate and its deferred reports, a report's messages.
        b.HasIndex(m => new { m.Status, m.Direction });
        b.HasIndex(m => new { m.Phone, m.At });
        b.HasIndex(m => m.ComplaintId);
        b.HasOne<Complaint>().WithMany().HasForeignKey(m => m.ComplaintId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class SmsBlockedNumberConfiguration : IEntityTypeConfiguration<SmsBlockedNumber>
{
    public void Configure(EntityTypeBuilder<SmsBlockedNumber> b)
    {
        b.Property(x => x.Phone).HasMaxLength(20);
        b.HasIndex(x => x.Phone).IsUnique();
        b.Property(x => x.Reason).HasMaxLength(200);
        b.Property(x => x.BlockedBy).HasMaxLength(120);
    }
}
