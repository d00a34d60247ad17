using Aduan.Attachments;
using Aduan.Data;
using Aduan.Infrastructure;
using Aduan.Sla;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Complaints;

/// <summary>
/// Loads a report for change and applies a command to it in one transaction, with the outbox
/// messages of every <see cref="IComplaintSubscriber"/>. Shared by the API, the pages, the reporter's
/// actions and the scheduled jobs.
/// </summary>
public sealed class ComplaintWorkflow(AduanDbContext db, SlaPolicyProvider slaProvider, TimeProvider time, ComplaintChanges changes)
{
    /// <summary>Tracked, with what a transition needs: category (tier, default agency), open assignments, running clocks.</summary>
    public IQueryable<Complaint> ForChange() => db.Complaints
        .Include(c => c.Category).ThenInclude(k => k!.DefaultAgency)
        .Include(c => c.LeadAgency)
        .Include(c => c.Assignments.Where(a => a.EndedAt == null))
        .Include(c => c.Clocks.Where(k => k.StoppedAt == null));

    /// <summary>
    /// Applies the command and saves, with the photos for its event (a follow-up's proof of work) in
    /// the same transaction; throws (and saves nothing) when the state or a rule refuses it.
    /// </summary>
    public async Task ApplyAsync(Complaint complaint, ComplaintCommand command, Actor actor, CancellationToken ct,
        IReadOnlyList<StoredImage>? photos = null)
    {
        var sla = await slaProvider.GetAsync(ct);
        var now = time.Now();
        complaint.Handle(command, actor, now, sla);
        foreach (var photo in photos ?? [])
        {
            db.Attachments.Add(Attachment.Of(photo, complaint.Id, complaint.EventCount, EventVisibility.Public, now, actor.UserId));
        }

        // Subscribers write their side effects in the same transaction: none is lost, none sent for a change that failed.
        await changes.PublishAsync(complaint, now, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException && e.Entries.Any(x => x.Entity is ComplaintEvent))
        {
            // Another writer appended the same event number first (unique per report): the same
            // conflict as a stale version, and answered the same way.
            throw new DbUpdateConcurrencyException("The report changed concurrently.", e);
        }

        changes.AfterSave();
    }

    /// <summary>As <see cref="ApplyAsync"/>, with the report's refusals (state, rules, a concurrent change) as an outcome.</summary>
    public async Task<ActionOutcome> TryApplyAsync(Complaint complaint, ComplaintCommand command, Actor actor, CancellationToken ct,
        IReadOnlyList<StoredImage>? photos = null)
    {
        try
        {
            await ApplyAsync(complaint, command, actor, ct, photos);
            return ActionOutcome.Done(complaint);
        }
        catch (Exception e) when (e is InvalidTransitionException or ComplaintRuleException or DbUpdateConcurrencyException)
        {
            // Nothing was saved. Forget what a composite command changed before its refused part, so
            // later reads in this scope see the database.
            db.ChangeTracker.Clear();
            return e switch
            {
                InvalidTransitionException t => ActionOutcome.Refused(ActionRefusal.NotAllowedNow, complaint) with { Transition = t },
                ComplaintRuleException r => ActionOutcome.Refused(ActionRefusal.Rule, complaint) with { ReasonKey = r.MessageKey, ReasonArgs = r.Args },
                _ => ActionOutcome.Refused(ActionRefusal.Stale), // the version the caller saw is unknown here
            };
        }
    }

    /// <summary>Read-only, with its lead agency: what the SMS status reply says (the public view reads <see cref="PublicComplaint"/>).</summary>
    public IQueryable<Complaint> ForPublic() => db.Complaints.AsNoTracking().Include(c => c.LeadAgency);

    /// <summary>Events the viewer may read, oldest first.</summary>
    public Task<List<ComplaintEvent>> EventsAsync(long complaintId, IReadOnlyCollection<EventVisibility> visible, CancellationToken ct) =>
        db.ComplaintEvents.AsNoTracking()
            .Where(e => e.ComplaintId == complaintId && visible.Contains(e.Visibility))
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);

    public Task<string?> LastActorAsync(long complaintId, CancellationToken ct) =>
        db.ComplaintEvents.Where(e => e.ComplaintId == complaintId).OrderByDescending(e => e.Sequence)
            .Select(e => e.ActorName).FirstOrDefaultAsync(ct);

    public async Task<string?> TrackingCodeOfAsync(long? id, CancellationToken ct) => id is null
        ? null
        : await db.Complaints.Where(c => c.Id == id).Select(c => c.TrackingCode).SingleOrDefaultAsync(ct);
}
