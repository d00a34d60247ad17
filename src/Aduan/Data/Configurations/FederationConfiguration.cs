using Aduan.Complaints;
using Aduan.Federation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aduan.Data.Configurations;

/// <summary>The report's federation links (Complaints/ComplaintFederation.cs); the rest of the report is in <see cref="ComplaintConfiguration"/>.</summary>
internal sealed class ComplaintFederationConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> b)
    {
        b.Property(c => c.ExternalSource).HasMaxLength(40);
        b.Property(c => c.ExternalId).HasMaxLength(Complaint.MaxExternalIdLength);

        // A resent post from the same key with the same external id finds the first report (NULLs never collide).
        b.HasIndex(c => new { c.ExternalSource, c.ExternalId }).IsUnique()
            .HasFilter(ComplaintConfiguration.NotNull(nameof(Complaint.ExternalSource)));
        b.Property(c => c.RemotePeer).HasMaxLength(FederationReceipt.MaxPeerLength);
        b.Property(c => c.RemoteId).HasMaxLength(Complaint.MaxExternalIdLength);
        b.Property(c => c.RemoteUrl).HasMaxLength(500);

        // The hub finds its report from a member's polled update by the member's id.
        b.HasIndex(c => new { c.RemotePeer, c.RemoteId }).HasFilter(ComplaintConfiguration.NotNull(nameof(Complaint.RemotePeer)));
    }
}

internal sealed class FederationReceiptConfiguration : IEntityTypeConfiguration<FederationReceipt>
{
    public void Configure(EntityTypeBuilder<FederationReceipt> b)
    {
        b.HasKey(r => new { r.Peer, r.UpdateId });
        b.Property(r => r.Peer).HasMaxLength(FederationReceipt.MaxPeerLength);
        b.Property(r => r.UpdateId).HasMaxLength(FederationReceipt.MaxUpdateIdLength);
    }
}
