using Aduan.Open311;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aduan.Data.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.Property(k => k.Name).HasMaxLength(ApiKey.MaxNameLength);
        b.HasIndex(k => k.Name).IsUnique();

        // Every Open311 post looks its key up by hash.
        b.Property(k => k.Hash).HasMaxLength(64);
        b.HasIndex(k => k.Hash).IsUnique();
        b.Property(k => k.Prefix).HasMaxLength(16);
        b.Property(k => k.CreatedBy).HasMaxLength(120);
        b.Property(k => k.RevokedBy).HasMaxLength(120);
        b.Ignore(k => k.IsActive);
        b.Ignore(k => k.ActorId);
        b.Ignore(k => k.ActorName);
    }
}
