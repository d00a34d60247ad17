using Aduan.Complaints;
using Aduan.Data;
using Aduan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Federation;

/// <summary>
/// Applies a member's update to the hub's report it was dispatched from, once per (member,
/// <c>update_id</c>), whether it was pushed to <c>servicerequestupdates</c> or found by the poll. An
/// interim state (<c>IN_PROGRESS</c>) becomes an interim follow-up, a fixed or closed one the final
/// follow-up, in the member's words, through the state machine like any agency's; other states
/// (the member's own routing) are recorded as received and change nothing here.
/// </summary>
public sealed class FederationInbox(AduanDbContext db, ComplaintWorkflow workflow, ComplaintPresenter presenter, TimeProvider time)
{
    public enum Result
    {
        /// <summary>The update changed the hub's report (a follow-up through the state machine).</summary>
        Applied,

        /// <summary>Recorded as received; nothing to change here (the member's own routing, or a state the hub's report is past).</summary>
        Noted,

        /// <summary>This update was received before; nothing changed.</summary>
        Repeat,

        /// <summary>The report changed concurrently; nothing was recorded, so the sender tries again.</summary>
        Stale,
    }

    /// <param name="complaint">Tracked, loaded with <see cref="ComplaintWorkflow.ForChange"/>.</param>
    public async Task<Result> ApplyAsync(string peer, Complaint complaint, string updateId, ComplaintStatus? status, string? description,
        CancellationToken ct)
    {
        if (await db.FederationReceipts.AnyAsync(r => r.Peer == peer && r.UpdateId == updateId, ct))
        {
            return Result.Repeat;
        }

        var receipt = new FederationReceipt { Peer = peer, UpdateId = updateId, ComplaintId = complaint.Id, ReceivedAt = time.Now() };
        var text = string.IsNullOrWhiteSpace(description) ? presenter.StatusLabel(status ?? complaint.Status) : description.Trim();
        text = text.Length > Complaint.MaxTextLength ? text[..Complaint.MaxTextLength] : text;
        var command = complaint.Status is ComplaintStatus.Dispatched or ComplaintStatus.InProgress
            ? status switch
            {
                ComplaintStatus.InProgress => new FollowUpCommand(text, Final: false),
                ComplaintStatus.FollowedUp or ComplaintStatus.Resolved => new FollowUpCommand(text, Final: true),
                _ => null,
            }
            : null;
        try
        {
            db.FederationReceipts.Add(receipt);
            if (command is null)
            {
                await db.SaveChangesAsync(ct);
                return Result.Noted;
            }

            var actor = new Actor(ActorKind.Staff, "federation:" + peer, "Federasi: " + peer, complaint.LeadAgencyId);
            var outcome = await workflow.TryApplyAsync(complaint, command, actor, ct);
            switch (outcome.Refusal)
            {
                case null:
                    return Result.Applied;
                case ActionRefusal.Stale:
                    return Result.Stale;
                default:
                    // Not allowed in the hub's state now (say, already followed up): received, nothing to change.
                    db.FederationReceipts.Add(receipt);
                    await db.SaveChangesAsync(ct);
                    return Result.Noted;
            }
        }
        catch (DbUpdateException)
        {
            // The same update arrived concurrently (push and poll at once) and was recorded first.
            db.ChangeTracker.Clear();
            return Result.Repeat;
        }
    }
}
