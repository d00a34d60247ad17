using System.Security.Cryptography;
using System.Text.Json;

namespace Aduan.Complaints;

public enum ComplaintEventType
{
    Submitted,
    Classified,
    Deferred,
    ReporterReplied,
    Archived,
    Referred,
    Merged,
    MergedInto,
    Dispatched,
    Note,
    Acknowledged,
    Forwarded,
    FollowUp,
    FollowUpRejected,
    Resolved,
    Accepted,
    ReporterRejected,
    ReporterComment,
    Reopened,

    /// <summary>The reporter's contact details were erased (retention or a request); staff only.</summary>
    ContactErased,

    /// <summary>A step of the escalation ladder or the Ombudsman flag (data: step, clock); staff only.</summary>
    Escalated,

    /// <summary>A manager took over an imported open report: its clocks start; staff only.</summary>
    TakenOver,
}

/// <summary>Why a report's contact details were erased.</summary>
public enum ContactErasureReason
{
    /// <summary>The retention period after closing passed (the privacy sweep).</summary>
    Retention,

    /// <summary>The person asked (a manager, from the privacy page or the command line).</summary>
    Request,
}

/// <summary>
/// One recorded change to a report. Append-only: never updated or deleted. Each event carries the
/// hash of the previous event of the same report, so an altered or removed event breaks the chain.
/// </summary>
public sealed class ComplaintEvent
{
    public long Id { get; private set; }
    public long ComplaintId { get; private set; }
    public int Sequence { get; private set; }
    public DateTimeOffset At { get; private set; }
    public ComplaintEventType Type { get; private set; }
    public EventVisibility Visibility { get; private set; }
    public ActorKind ActorKind { get; private set; }
    public string? ActorUserId { get; private set; }
    public string ActorName { get; private set; } = "";
    public long? ActorAgencyId { get; private set; }
    public ComplaintStatus? FromStatus { get; private set; }
    public ComplaintStatus? ToStatus { get; private set; }
    public string? Text { get; private set; }

    /// <summary>Structured details (agency codes, rating, ...) as a JSON object.</summary>
    public string? Data { get; private set; }
    public string PreviousHash { get; private set; } = "";
    public string Hash { get; private set; } = "";

    private ComplaintEvent()
    {
    }

    internal static ComplaintEvent Create(
        long complaintId, int sequence, string previousHash, DateTimeOffset at, ComplaintEventType type,
        EventVisibility visibility, Actor actor, ComplaintStatus? from, ComplaintStatus? to, string? text, string? data)
    {
        var e = new ComplaintEvent
        {
            ComplaintId = complaintId,
            Sequence = sequence,
            PreviousHash = previousHash,
            At = at,
            Type = type,
            Visibility = visibility,
            ActorKind = actor.Kind,
            ActorUserId = actor.UserId,
            ActorName = actor.Name,
            ActorAgencyId = actor.AgencyId,
            FromStatus = from,
            ToStatus = to,
            Text = text,
            Data = data,
        };
        e.Hash = e.ComputeHash();
        return e;
    }

    /// <summary>
    /// The complaint id is not part of the hash: a new report gets its id only on insert, in the
    /// same transaction. The chain is per report, so sequence and previous hash bind it.
    /// </summary>
    public string ComputeHash()
    {
        var canonical = JsonSerializer.SerializeToUtf8Bytes(new object?[]
        {
            Sequence, PreviousHash, At.UtcTicks, Type.ToString(), Visibility.ToString(), ActorKind.ToString(),
            ActorUserId, ActorName, ActorAgencyId, FromStatus?.ToString(), ToStatus?.ToString(), Text, Data,
        });
        return Convert.ToHexStringLower(SHA256.HashData(canonical));
    }

    internal void AttachTo(long complaintId) => ComplaintId = complaintId;
}
