using System.Security.Cryptography;
using System.Text.Json;
using Aduan.Attachments;
using Aduan.Data;
using Aduan.Infrastructure;
using Aduan.Sla;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Complaints;

/// <summary>One report to store, as it leaves validation, with the photos the reporter attached (re-encoded).</summary>
public sealed record IntakeItem(NewComplaint Input, Actor Actor, string? IdempotencyKey, IReadOnlyList<StoredImage>? Photos = null)
{
    /// <summary>Drawn and hashed before the item goes to the writer (<see cref="IntakeStore.Prepare"/>); null: the store does it.</summary>
    public IntakeSecrets? Secrets { get; init; }
}

/// <summary>
/// A report's new reporter key, its hash, and for an item with an Idempotency-Key the request's hash and the key encrypted
/// for a retry. None depends on the database, so each request works them out on its own thread, not in the one writer.
/// They hold for the input and key they were drawn for: a copy of the item with another (<c>with</c>) gets its own.
/// </summary>
public sealed class IntakeSecrets
{
    private readonly NewComplaint _input;
    private readonly string? _idempotencyKey;

    internal IntakeSecrets(IntakeItem item, string reporterKey, string? requestHash, string? protectedReporterKey)
    {
        (_input, _idempotencyKey) = (item.Input, item.IdempotencyKey);
        (ReporterKey, ReporterKeyHash, RequestHash, ProtectedReporterKey) =
            (reporterKey, Complaints.ReporterKey.Hash(reporterKey), requestHash, protectedReporterKey);
    }

    public string ReporterKey { get; }
    public string ReporterKeyHash { get; }

    /// <summary>With an Idempotency-Key: the hash of what was sent, to tell a retry from another report under the same key.</summary>
    public string? RequestHash { get; }

    /// <summary>With an Idempotency-Key: the reporter key, encrypted, to give again to a retry.</summary>
    public string? ProtectedReporterKey { get; }

    internal bool AreFor(IntakeItem item) => ReferenceEquals(_input, item.Input) && _idempotencyKey == item.IdempotencyKey;
}

/// <summary>
/// Stores validated reports for <see cref="IntakeWriter"/>: gives each a tracking code and a
/// reporter key, starts its clocks, and stores it with its first event, its photos, its
/// idempotency record and its subscribers' outbox messages in one transaction. A repeated
/// Idempotency-Key returns the first answer instead of a second report.
/// </summary>
public sealed class IntakeStore(
    AduanDbContext db, SlaPolicyProvider slaProvider, TimeProvider time, IDataProtectionProvider protection, ComplaintChanges changes)
{
    private const string ProtectorPurpose = "Aduan.Complaints.Idempotency";

    private readonly IDataProtector _keyProtector = KeyProtector(protection);

    private static readonly Type[] PreparedInsertTypes = [typeof(Complaint), typeof(ComplaintEvent), typeof(Sla.SlaClock), typeof(Outbox.OutboxMessage)];

    /// <summary>How long a retry with the same key gets the first answer (and the reporter key is kept, encrypted).</summary>
    public static readonly TimeSpan KeyLifetime = TimeSpan.FromHours(24);

    /// <summary>The stored report and its key; or, for a reused key with another request, <see cref="KeyConflict"/>.</summary>
    public sealed record Outcome(Complaint? Complaint, string? ReporterKey, bool Replayed, bool KeyConflict);

    /// <summary>The protector of the reporter keys kept for retries; thread-safe, made once by each holder.</summary>
    public static IDataProtector KeyProtector(IDataProtectionProvider protection) => protection.CreateProtector(ProtectorPurpose);

    /// <summary>The item with its <see cref="IntakeSecrets"/>, worked out on the caller's thread.</summary>
    public static IntakeItem Prepare(IntakeItem item, IDataProtector keyProtector) => item with { Secrets = SecretsFor(item, keyProtector) };

    private static IntakeSecrets SecretsFor(IntakeItem item, IDataProtector keyProtector)
    {
        var reporterKey = ReporterKey.New();
        return item.IdempotencyKey is null
            ? new IntakeSecrets(item, reporterKey, null, null)
            : new IntakeSecrets(item, reporterKey, Hash(item.Input), keyProtector.Protect(reporterKey));
    }

    private IntakeSecrets SecretsOf(IntakeItem item) => item.Secrets is { } s && s.AreFor(item) ? s : SecretsFor(item, _keyProtector);

    private static string RequestHashOf(IntakeItem item) =>
        item.Secrets is { RequestHash: { } hash } s && s.AreFor(item) ? hash : Hash(item.Input);

    /// <summary>Stores one report; a concurrent request with the same key gets the same report.</summary>
    public async Task<Outcome> SubmitAsync(IntakeItem item, CancellationToken ct)
    {
        try
        {
            return (await SubmitManyAsync([item], ct))[0];
        }
        catch (DbUpdateException) when (item.IdempotencyKey is not null)
        {
            // Another writer stored the same key first: answer with its report.
            db.ChangeTracker.Clear();
            return await FindAsync(item.IdempotencyKey, RequestHashOf(item), ct) ?? throw new InvalidOperationException("Idempotency record vanished.");
        }
    }

    /// <summary>
    /// Stores many reports in one transaction (group commit: one durable write for the lot), or
    /// none if it fails. Keys already stored, or repeated within the batch, get the first report.
    /// </summary>
    public async Task<IReadOnlyList<Outcome>> SubmitManyAsync(IReadOnlyList<IntakeItem> items, CancellationToken ct)
    {
        // One connection for the batch's reads and its save, not one opened (and set up) for each.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await SubmitOpenAsync(items, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<IReadOnlyList<Outcome>> SubmitOpenAsync(IReadOnlyList<IntakeItem> items, CancellationToken ct)
    {
        var now = time.Now();
        var cutoff = now - KeyLifetime;
        var keys = items.Where(i => i.IdempotencyKey is not null).Select(i => i.IdempotencyKey!).Distinct().ToList();
        var records = keys.Count == 0 ? [] : await db.IdempotencyRecords.Where(r => keys.Contains(r.Key)).ToListAsync(ct);

        // An expired key starts afresh: its old record goes in this same transaction (the sweep removes the others).
        db.IdempotencyRecords.RemoveRange(records.Where(r => r.CreatedAt < cutoff));
        var stored = records.Where(r => r.CreatedAt >= cutoff).Select(r => r.Key).ToHashSet();
        var sla = await slaProvider.GetAsync(ct);
        var categories = await TrackedCategoriesAsync(items, ct);
        var codes = await TrackingCode.NewUniqueAsync(db, items.Count, ct);

        var outcomes = new Outcome?[items.Count];
        var firstWithKey = new Dictionary<string, int>();
        for (var i = 0; i < items.Count; i++)
        {
            var (input, actor, key, photos) = items[i];
            if (key is not null && (stored.Contains(key) || firstWithKey.ContainsKey(key)))
            {
                continue; // answered after the save, from the report that holds the key
            }

            var secrets = SecretsOf(items[i]);
            var own = input with { Category = input.Category is null ? null : categories[input.Category.Id] };
            var complaint = Complaint.Submit(own, codes[i], secrets.ReporterKeyHash, actor, now, sla, photos?.Select(p => p.Sha256).ToList());
            db.Complaints.Add(complaint);
            AddPhotos(complaint, photos ?? [], actor, now);
            if (key is not null)
            {
                firstWithKey[key] = i;

                // Same transaction as the report: a retry after a crash finds both or neither.
                db.IdempotencyRecords.Add(new IdempotencyRecord
                {
                    Key = key,
                    RequestHash = secrets.RequestHash!,
                    Complaint = complaint,
                    ProtectedReporterKey = secrets.ProtectedReporterKey!,
                    CreatedAt = now,
                });
            }

            outcomes[i] = new Outcome(complaint, secrets.ReporterKey, Replayed: false, KeyConflict: false);
        }

        foreach (var outcome in outcomes)
        {
            if (outcome?.Complaint is { } complaint)
            {
                await changes.PublishAsync(complaint, now, ct, outcome.ReporterKey);
            }
        }

        // A batch's new reports, their first events, clocks and messages: on SQLite each table with one prepared statement,
        // and the statements' journals in memory.
        db.PreparedInsertTypes = PreparedInsertTypes;
        await db.SaveChangesAsync(ct);
        changes.AfterSave();
        for (var i = 0; i < items.Count; i++)
        {
            outcomes[i] ??= await FindAsync(items[i].IdempotencyKey!, RequestHashOf(items[i]), ct);
        }

        return outcomes!;
    }

    /// <summary>
    /// The photos belong to the Submitted event (sequence 1), in the report's transaction. Staff and
    /// the reporter see them, the public never: a citizen's photo may show people or houses.
    /// </summary>
    private void AddPhotos(Complaint complaint, IReadOnlyList<StoredImage> photos, Actor actor, DateTimeOffset now)
    {
        foreach (var photo in photos)
        {
            var attachment = db.Attachments.Add(Attachment.Of(photo, 0, 1, EventVisibility.Reporter, now, actor.UserId));

            // The report has no id before the save: its temporary key links the two, and EF fixes it up on save.
            attachment.Property(a => a.ComplaintId).CurrentValue = db.Entry(complaint).Property(c => c.Id).CurrentValue;
        }
    }

    private static string Hash(NewComplaint input) => Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(
        new { input.Title, input.Text, input.Kind, input.Privacy, input.Channel, Category = input.Category?.Code, input.Reporter, input.Location })));

    /// <summary>Removes keys older than <see cref="KeyLifetime"/>, with their encrypted reporter keys (the deadline sweep calls this).</summary>
    public Task<int> RemoveExpiredKeysAsync(CancellationToken ct)
    {
        var cutoff = time.Now() - KeyLifetime;
        return db.IdempotencyRecords.Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
    }

    private async Task<Outcome?> FindAsync(string key, string requestHash, CancellationToken ct)
    {
        var cutoff = time.Now() - KeyLifetime;
        var record = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Key == key && r.CreatedAt >= cutoff, ct);
        if (record is null)
        {
            return null;
        }

        if (record.RequestHash != requestHash)
        {
            return new Outcome(null, null, Replayed: false, KeyConflict: true);
        }

        var complaint = await db.Complaints.AsNoTracking()
            .Include(c => c.Clocks.Where(k => k.StoppedAt == null))
            .SingleAsync(c => c.Id == record.ComplaintId, ct);
        return new Outcome(complaint, _keyProtector.Unprotect(record.ProtectedReporterKey), Replayed: true, KeyConflict: false);
    }

    /// <summary>Validation loaded the categories elsewhere; the reports must point at this context's own instances.</summary>
    private async Task<Dictionary<long, Categories.Category>> TrackedCategoriesAsync(IReadOnlyList<IntakeItem> items, CancellationToken ct)
    {
        var ids = items.Where(i => i.Input.Category is not null).Select(i => i.Input.Category!.Id).Distinct().ToList();
        return ids.Count == 0 ? [] : await db.Categories.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
    }
}
