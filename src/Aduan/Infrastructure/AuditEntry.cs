using System.Text.Json;
using Aduan.Data;

namespace Aduan.Infrastructure;

/// <summary>
/// A staff action outside a report's own event chain (holidays, users, agencies, ...): who did
/// what to which thing, when. Written in the same transaction as the change it records.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string ActorName { get; set; }
    public string? ActorUserId { get; set; }

    /// <summary>A stable dotted name, e.g. <c>holiday.set</c>.</summary>
    public required string Action { get; set; }
    public required string Subject { get; set; }
    public string? Details { get; set; }
}

public sealed class AuditTrail(AduanDbContext db, TimeProvider time)
{
    /// <summary>Adds the entry to the unit of work; the caller's SaveChanges commits it with the change.</summary>
    public void Record(string actorName, string? actorUserId, string action, string subject, object? details = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.Now(),
            ActorName = actorName,
            ActorUserId = actorUserId,
            Action = action,
            Subject = subject,
            Details = details is null ? null : JsonSerializer.Serialize(details),
        });
}
