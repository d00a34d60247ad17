using Aduan.Complaints;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aduan.Data.Configurations;

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> b)
    {
        b.HasIndex(c => c.TrackingCode).IsUnique();
        b.Property(c => c.TrackingCode).HasMaxLength(TrackingCode.Length + 1);
        b.Property(c => c.Title).HasMaxLength(Complaint.MaxTitleLength);
        b.Property(c => c.Text).HasMaxLength(Complaint.MaxTextLength);

        // No maximum: a mask can be longer than what it hides ("a@b.id" becomes "[email]").
        b.Property(c => c.PublicTitle);
        b.Property(c => c.PublicText);

        b.Property(c => c.ReporterKeyHash).HasMaxLength(64);
        b.Property(c => c.LastEventHash).HasMaxLength(64);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.ComplexProperty(c => c.Reporter, r =>
        {
            r.Property(x => x.Name).HasMaxLength(120);
            r.Property(x => x.Phone).HasMaxLength(20);
            r.Property(x => x.Email).HasMaxLength(254);
        });
        b.ComplexProperty(c => c.Location, l =>
        {
            l.Property(x => x.Address).HasMaxLength(300);
            l.Property(x => x.Kecamatan).HasMaxLength(60);
        });
        b.HasOne(c => c.Category).WithMany().HasForeignKey(c => c.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.LeadAgency).WithMany().HasForeignKey(c => c.LeadAgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Complaint>().WithMany().HasForeignKey(c => c.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.MergedIntoId).HasFilter(NotNull(nameof(Complaint.MergedIntoId)));
        b.HasMany(c => c.Events).WithOne().HasForeignKey(e => e.ComplaintId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Assignments).WithOne().HasForeignKey(a => a.ComplaintId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Clocks).WithOne().HasForeignKey(k => k.ComplaintId).OnDelete(DeleteBehavior.Restrict);

        // The staff list filters by state, agency and category, newest first; the overdue sweep reads NextDueAt.
        b.HasIndex(c => new { c.Status, c.SubmittedAt });
        b.HasIndex(c => new { c.LeadAgencyId, c.Status, c.SubmittedAt });
        b.HasIndex(c => new { c.CategoryId, c.SubmittedAt }).HasFilter(NotNull(nameof(Complaint.CategoryId))); // an SMS comes in without one
        // A state and a category together: without it SQLite read every report of the category, newest first, and
        // checked each one's state (at a million reports 472 ms for "dispatched road reports").
        b.HasIndex(c => new { c.Status, c.CategoryId, c.SubmittedAt });

        // The duplicate search's reports nearby: a few map cells, each a range of the period. Its twin for reports
        // without a pin, (Location_Kecamatan, SubmittedAt, Status, CategoryId, Privacy), so that a kecamatan's month
        // is read from the index alone, is made by the DuplicateAreaIndexes migration (on PostgreSQL with Id too, by
        // DuplicateAreaIndexCoversId: SQLite's indexes hold the row id anyway): EF Core does not index a complex
        // property's columns.
        b.HasIndex(c => new { c.MapCell, c.SubmittedAt }).HasFilter(NotNull(nameof(Complaint.MapCell)));
        b.HasIndex(c => c.SubmittedAt);
        b.HasIndex(c => c.NextDueAt);
        b.HasIndex(c => new { c.DueOrder, c.Id }); // "nearest deadline first" without sorting every matching row
        b.Property(c => c.ContactSalt).HasMaxLength(32);
        b.Property(c => c.Language).HasMaxLength(2);

        // The privacy sweep: closed reports whose contact is still held, oldest closing first.
        b.HasIndex(c => new { c.ContactErasedAt, c.ClosedAt });
        b.HasIndex(c => new { c.OmbudsmanFlaggedAt, c.IsImported, c.LeadAgencyId }) // the list filter flag=ombudsman
            .HasFilter(NotNull(nameof(Complaint.OmbudsmanFlaggedAt)));

        // Made for the dashboard's weekly trend (now read from DailyCounts): reports received, followed up and with a
        // deadline missed, city-wide or per agency, leaving imported reports out. The staff lists behind the dashboard's
        // figures (FigureFilter) still read them by range; the latter two hold only the reports that have the instant.
        b.HasIndex(c => new { c.SubmittedAt, c.IsImported, c.LeadAgencyId });
        b.HasIndex(c => new { c.FollowedUpAt, c.IsImported, c.LeadAgencyId }).HasFilter(NotNull(nameof(Complaint.FollowedUpAt)));
        b.HasIndex(c => new { c.ResolutionDueAt, c.IsImported, c.LeadAgencyId, c.FollowedUpAt })
            .HasFilter(NotNull(nameof(Complaint.ResolutionDueAt)));
        // The escalation sweep's Ombudsman flags: open (no ClosedAt), unflagged reports by due instant, earliest first, a
        // range of one index. Not a partial index: SQLite's planner passed it over for the flag's own index and sorted.
        b.HasIndex(c => new { c.OmbudsmanFlaggedAt, c.ClosedAt, c.OmbudsmanDueAt });
        b.HasIndex(c => new { c.IsImported, c.SubmittedAt }); // the list filter imported=true
        // The dashboard's late reports not yet followed up (the rest of its figures are DailyCounts): of the reports
        // received in a period, those whose resolution deadline has passed. Few rows: only reports waiting for a follow-up.
        // FollowedUpAt first, though always null here: SQLite, without statistics, prefers an index it can seek by it.
        b.HasIndex(c => new { c.FollowedUpAt, c.SubmittedAt, c.ResolutionDueAt, c.LeadAgencyId, c.IsImported }, "IX_Complaints_AwaitingFollowUp")
            .HasFilter("\"FollowedUpAt\" IS NULL AND \"ResolutionDueAt\" IS NOT NULL");
        // The public register: published reports newest first, for the city and for each of its filters, without reading
        // the reports the public may not see. The condition is the rule of what is published, as SQL. Status and Privacy
        // are in the keys too, though implied, so that SQLite counts the register's matches from the index alone.
        // Reports enter these indexes when verified: intake does not write them.
        b.HasIndex(c => new { c.SubmittedAt, c.Id, c.Status, c.Privacy }, "IX_Complaints_Published")
            .HasFilter(Transparency.Publication.IndexFilter);
        b.HasIndex(c => new { c.LeadAgencyId, c.SubmittedAt, c.Id, c.Status, c.Privacy }, "IX_Complaints_PublishedByAgency")
            .HasFilter(Transparency.Publication.IndexFilter);
        b.HasIndex(c => new { c.CategoryId, c.SubmittedAt, c.Id, c.Status, c.Privacy }, "IX_Complaints_PublishedByCategory")
            .HasFilter(Transparency.Publication.IndexFilter);
        b.HasIndex(c => new { c.Status, c.SubmittedAt, c.Id, c.Privacy }, "IX_Complaints_PublishedByStatus")
            .HasFilter(Transparency.Publication.IndexFilter);
        b.Property(c => c.ImportKey).HasMaxLength(64);
        b.HasIndex(c => c.ImportKey).IsUnique().HasFilter(NotNull(nameof(Complaint.ImportKey)));
    }

    /// <summary>
    /// The condition of an index over a column a new report leaves empty (<c>"Column" IS NOT NULL</c>): intake does not
    /// write the index, and every query that reads it compares the column with a value (<c>=</c>, <c>IN</c>, a range,
    /// <c>IS NOT NULL</c>), which implies the condition for both planners. Not for an index read for the empty value
    /// (the escalation sweep's, the privacy sweep's): <c>PartialIndexTests</c> checks every index on Complaints.
    /// </summary>
    internal static string NotNull(string column) => $"\"{column}\" IS NOT NULL";
}

internal sealed class ComplaintEventConfiguration : IEntityTypeConfiguration<ComplaintEvent>
{
    public void Configure(EntityTypeBuilder<ComplaintEvent> b)
    {
        // Unique per report: two writers can never both append event n.
        b.HasIndex(e => new { e.ComplaintId, e.Sequence }).IsUnique();

        // An agency's latest follow-ups (its page, feeds and widget) and its officers' recent work.
        b.HasIndex(e => new { e.ActorAgencyId, e.Type, e.At });

        // The audit digests read one day's events at a time, in report and sequence order.
        b.HasIndex(e => new { e.At, e.ComplaintId, e.Sequence });
        b.Property(e => e.ActorName).HasMaxLength(120);
        b.Property(e => e.ActorUserId).HasMaxLength(64);
        b.Property(e => e.Text).HasMaxLength(Complaint.MaxTextLength);
        b.Property(e => e.PreviousHash).HasMaxLength(64);
        b.Property(e => e.Hash).HasMaxLength(64);
    }
}

internal sealed class ComplaintAssignmentConfiguration : IEntityTypeConfiguration<ComplaintAssignment>
{
    public void Configure(EntityTypeBuilder<ComplaintAssignment> b)
    {
        b.HasOne(a => a.Agency).WithMany().HasForeignKey(a => a.AgencyId).OnDelete(DeleteBehavior.Restrict);

        // Agency scoping: "reports with an open assignment for my agency".
        b.HasIndex(a => new { a.AgencyId, a.EndedAt, a.ComplaintId });
        b.HasIndex(a => a.ComplaintId);
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachments.Attachment>
{
    public void Configure(EntityTypeBuilder<Attachments.Attachment> b)
    {
        b.Property(a => a.PublicId).HasMaxLength(32);
        b.HasIndex(a => a.PublicId).IsUnique();
        b.Property(a => a.FileName).HasMaxLength(200);
        b.Property(a => a.ContentType).HasMaxLength(40);
        b.Property(a => a.Sha256).HasMaxLength(64);
        b.Property(a => a.UploadedByUserId).HasMaxLength(450);
        b.HasOne<Complaint>().WithMany().HasForeignKey(a => a.ComplaintId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.ComplaintId, a.EventSequence });
    }
}

internal sealed class ComplaintSupporterConfiguration : IEntityTypeConfiguration<ComplaintSupporter>
{
    public void Configure(EntityTypeBuilder<ComplaintSupporter> b)
    {
        b.Property(s => s.SupporterHash).HasMaxLength(64);
        b.HasOne<Complaint>().WithMany().HasForeignKey(s => s.ComplaintId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.ComplaintId, s.SupporterHash }).IsUnique();
    }
}

internal sealed class ReportFollowerConfiguration : IEntityTypeConfiguration<Following.ReportFollower>
{
    public void Configure(EntityTypeBuilder<Following.ReportFollower> b)
    {
        b.ToTable("ReportFollowers");
        b.Property(f => f.Address).HasMaxLength(254);
        b.Property(f => f.Language).HasMaxLength(2);
        b.Property(f => f.TokenHash).HasMaxLength(64);
        b.HasOne<Complaint>().WithMany().HasForeignKey(f => f.ComplaintId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(f => new { f.ComplaintId, f.Address }).IsUnique();
        b.HasIndex(f => f.TokenHash).IsUnique();

        // The privacy page finds a person's follows by number or address; the sweep finds unconfirmed ones by age.
        b.HasIndex(f => f.Address);
        b.HasIndex(f => new { f.ConfirmedAt, f.CreatedAt });
    }
}
