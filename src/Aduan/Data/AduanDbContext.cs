using Aduan.Agencies;
using Aduan.Categories;
using Aduan.Complaints;
using Aduan.Identity;
using Aduan.Infrastructure;
using Aduan.Outbox;
using Aduan.Sla;
using Aduan.Sms;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Data;

/// <summary>
/// The one model. Each provider has a subclass with its own migrations (Data/Migrations/Sqlite,
/// Data/Migrations/Postgres) and its own few differences; everything else depends on this type.
/// </summary>
public abstract class AduanDbContext(DbContextOptions options) : IdentityDbContext<StaffUser>(options), IDataProtectionKeyContext
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
    public DbSet<Open311.ApiKey> ApiKeys => Set<Open311.ApiKey>();
    public DbSet<Audit.AuditDigest> AuditDigests => Set<Audit.AuditDigest>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<Attachments.Attachment> Attachments => Set<Attachments.Attachment>();
    public DbSet<ComplaintSupporter> ComplaintSupporters => Set<ComplaintSupporter>();
    public DbSet<Following.ReportFollower> ReportFollowers => Set<Following.ReportFollower>();
    public DbSet<ServerSecret> ServerSecrets => Set<ServerSecret>();
    public DbSet<SmsMessage> SmsMessages => Set<SmsMessage>();
    public DbSet<SmsBlockedNumber> SmsBlockedNumbers => Set<SmsBlockedNumber>();
    public DbSet<Escalations.Escalation> Escalations => Set<Escalations.Escalation>();
    public DbSet<Supervision.DailyCount> DailyCounts => Set<Supervision.DailyCount>();
    public DbSet<Federation.FederationReceipt> FederationReceipts => Set<Federation.FederationReceipt>();
    public DbSet<Triage.TriageDecision> TriageDecisions => Set<Triage.TriageDecision>();

    /// <summary>The keys that protect staff tokens, shared by every app instance on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Saves, and when reports changed, their daily counts too (<see cref="Supervision.DailyCounts"/>) in the same
    /// transaction: the dashboard's figures are never ahead of or behind the reports.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // For this save only: the context may be pooled and handed to another request next.
        var ahead = PreparedInsertTypes;
        PreparedInsertTypes = [];

        // Changes are detected once, here, not again by every read of the entries and by EF Core's save: each pass compares
        // every tracked entity property by property (an intake batch's reports, events, clocks and messages). What changes
        // entities after this point must do it through the entry API, which EF Core sees at once (PreparedInserts does);
        // a save interceptor that set properties directly would be missed (there is none).
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        if (detect)
        {
            ChangeTracker.DetectChanges();
        }

        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await SaveDetectedAsync(acceptAllChangesOnSuccess, ahead, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private async Task<int> SaveDetectedAsync(bool acceptAllChangesOnSuccess, IReadOnlyList<Type> ahead, CancellationToken cancellationToken)
    {
        var counts = Supervision.DailyCounts.Changes(ChangeTracker);
        if (counts.Count == 0 && ahead.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var own = Database.CurrentTransaction is null;
        await using var setting = own && ahead.Count > 0 ? await BeginManyRowsAsync(cancellationToken) : null;
        var transaction = own ? await Database.BeginTransactionAsync(cancellationToken) : null;
        await using (transaction)
        {
            // Only in a transaction of its own: inside a caller's, a failed save could leave these rows to be committed.
            var written = transaction is null ? 0 : await WriteAheadAsync(ahead, cancellationToken);
            written += await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
            await Supervision.DailyCounts.ApplyAsync(this, counts, cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            if (acceptAllChangesOnSuccess)
            {
                ChangeTracker.AcceptAllChanges();
            }

            return written;
        }
    }

    /// <summary>
    /// Entity types whose new rows the next save writes ahead of EF Core's own, in this order (principals first). On SQLite
    /// each table's rows go through one prepared statement (<see cref="Sqlite.PreparedInserts"/>) and the statements'
    /// journals stay in memory (<see cref="BeginManyRowsAsync"/>); on PostgreSQL, where EF Core sends a save's statements
    /// together, EF Core writes them as usual. The next save reads and clears it, and uses it only if it begins its own
    /// transaction. For a save of many new rows of a few wide tables (an intake batch) whose context is not used again if
    /// the save fails: the rows written ahead stay marked as stored.
    /// </summary>
    public IReadOnlyList<Type> PreparedInsertTypes { get; set; } = [];

    /// <summary>Writes the new rows of <paramref name="types"/> inside the save's own transaction; returns how many.</summary>
    protected virtual Task<int> WriteAheadAsync(IReadOnlyList<Type> types, CancellationToken ct) => Task.FromResult(0);

    /// <summary>
    /// A setting for a save of many new rows (<see cref="PreparedInsertTypes"/>), entered before its own transaction begins
    /// and left after it ends (on SQLite: <see cref="Sqlite.StatementJournals"/>); null: none.
    /// </summary>
    protected virtual Task<IAsyncDisposable?> BeginManyRowsAsync(CancellationToken ct) => Task.FromResult<IAsyncDisposable?>(null);

    /// <summary>For the few synchronous writers (the data protection key store), which never write reports.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PreparedInsertTypes = []; // for SaveChangesAsync only
        return Supervision.DailyCounts.Changes(ChangeTracker).Count == 0
            ? base.SaveChanges(acceptAllChangesOnSuccess)
            : throw new InvalidOperationException("Reports are saved with SaveChangesAsync, which keeps their daily counts.");
    }

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
        configurationBuilder.Properties<NotifyBy>().HaveConversion<string>().HaveMaxLength(8);
        configurationBuilder.Properties<StaffNotify>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Priority>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<EventVisibility>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ActorKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<AssignmentRole>().HaveConversion<string>().HaveMaxLength(8);
        configurationBuilder.Properties<ComplaintEventType>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<SlaClockKind>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<ServiceTier>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<HolidayKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Supervision.DailyFigure>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Supervision.CountSpan>().HaveConversion<string>().HaveMaxLength(8);
    }
}
