using Aduan.Complaints;
using Aduan.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aduan.Data.Configurations;

internal sealed class TriageDecisionConfiguration : IEntityTypeConfiguration<TriageDecision>
{
    public void Configure(EntityTypeBuilder<TriageDecision> b)
    {
        b.Property(d => d.SuggestedCategory).HasMaxLength(40);
        b.Property(d => d.SuggestedAgency).HasMaxLength(40);
        b.Property(d => d.Category).HasMaxLength(40);
        b.Property(d => d.Agency).HasMaxLength(40);
        b.HasOne<Complaint>().WithMany().HasForeignKey(d => d.ComplaintId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(d => d.ComplaintId);

        // The admin page's acceptance rate reads one model's last 30 days from this index alone, never the rows.
        b.HasIndex(d => new { d.ModelVersion, d.DecidedAt, d.CategoryAccepted, d.AgencyAccepted });
    }
}
