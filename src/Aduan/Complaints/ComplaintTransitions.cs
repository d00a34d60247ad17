using Aduan.Sla;

namespace Aduan.Complaints;

/// <summary>The bodies of the transitions that do more than move the state.</summary>
public sealed partial class Complaint
{
    private void Classify(ClassifyCommand c, Actor actor, DateTimeOffset now)
    {
        var changes = new Dictionary<string, string>();
        if (c.Category is not null && c.Category.Id != CategoryId)
        {
            Category = c.Category;
            CategoryId = c.Category.Id;
            changes["category"] = c.Category.Code;
        }

        if (c.Kind is { } kind && kind != Kind)
        {
            Kind = kind;
            changes["kind"] = kind.ToString();
        }

        if (c.Privacy is { } privacy && privacy != Privacy)
        {
            // The reporter chose how visible they are; staff may protect them more, never less.
            if (privacy < Privacy)
            {
                throw new ComplaintRuleException("Rule.PrivacyOnlyStricter", Privacy.ToString(), privacy.ToString());
            }

            Privacy = privacy;
            changes["privacy"] = privacy.ToString();
        }

        if (c.Priority is { } priority && priority != Priority)
        {
            Priority = priority;
            changes["priority"] = priority.ToString();
        }

        Record(ComplaintEventType.Classified, EventVisibility.Staff, actor, now, null, null, null, Json(changes));
    }

    private void MergeInto(Complaint primary, Actor actor, DateTimeOffset now)
    {
        if (ReferenceEquals(primary, this) || (Id != 0 && primary.Id == Id))
        {
            throw new ComplaintRuleException("Rule.MergeSelf");
        }

        if (primary.Status is ComplaintStatus.Merged or ComplaintStatus.Archived or ComplaintStatus.Referred)
        {
            throw new ComplaintRuleException("Rule.MergePrimaryClosed", primary.TrackingCode);
        }

        MergedIntoId = primary.Id;
        Move(ComplaintStatus.Merged, ComplaintEventType.Merged, EventVisibility.Public, actor, now, null,
            Json(new { primary = primary.TrackingCode }));
        primary.Record(ComplaintEventType.MergedInto, EventVisibility.Staff, actor, now, null, null, null,
            Json(new { duplicate = TrackingCode }));
        primary.UpdatedAt = now;
        primary.Version++;
    }

    private void Dispatch(DispatchCommand c, Actor actor, DateTimeOffset now)
    {
        if (CategoryId is null)
        {
            throw new ComplaintRuleException("Rule.DispatchNeedsCategory");
        }

        LeadAgency = c.Lead;
        LeadAgencyId = c.Lead.Id;
        DispatchedAt = now;
        ResolutionDueAt = null;
        OnSiteAt = null; // a new team has to get there
        Assignments.Add(new ComplaintAssignment(c.Lead, AssignmentRole.Lead, now));
        var copies = c.Copies.Where(a => a.Id != c.Lead.Id).DistinctBy(a => a.Id).ToList();
        foreach (var copy in copies)
        {
            Assignments.Add(new ComplaintAssignment(copy, AssignmentRole.Copy, now));
        }

        Move(ComplaintStatus.Dispatched, ComplaintEventType.Dispatched, EventVisibility.Public, actor, now, null,
            Json(new { agency = c.Lead.Code, copies = copies.Select(a => a.Code).ToArray() }));
        if (!string.IsNullOrWhiteSpace(c.Note))
        {
            Record(ComplaintEventType.Note, EventVisibility.Staff, actor, now, null, null, c.Note, null);
        }
    }

    private void Forward(ForwardCommand c, Actor actor, DateTimeOffset now)
    {
        if (c.To.Id == LeadAgencyId)
        {
            throw new ComplaintRuleException("Rule.ForwardSameAgency", c.To.Code);
        }

        var from = LeadAgency?.Code;
        foreach (var a in Assignments.Where(a => a.EndedAt is null && (a.Role == AssignmentRole.Lead || a.AgencyId == c.To.Id)))
        {
            a.End(now);
        }

        Assignments.Add(new ComplaintAssignment(c.To, AssignmentRole.Lead, now));
        LeadAgency = c.To;
        LeadAgencyId = c.To.Id;
        ResolutionDueAt = null;
        OnSiteAt = null; // a new team has to get there
        ForwardCount++;
        Move(ComplaintStatus.Dispatched, ComplaintEventType.Forwarded, EventVisibility.Public, actor, now, c.Reason,
            Json(new { from, to = c.To.Code }));
    }

    private void FollowUp(FollowUpCommand c, Actor actor, DateTimeOffset now)
    {
        var to = c.Final ? ComplaintStatus.FollowedUp : ComplaintStatus.InProgress;
        if (c.Final)
        {
            FollowedUpAt = now;
        }

        if (c.OnSite || c.Final)
        {
            OnSiteAt ??= now;
        }

        var photos = c.Photos is { Count: > 0 } ? c.Photos : null;
        Move(to, ComplaintEventType.FollowUp, EventVisibility.Public, actor, now, c.Text,
            c.OnSite || photos is not null ? Json(new { final = c.Final, onSite = c.OnSite, photos }) : Json(new { final = c.Final }));
    }

    private void Resolve(ComplaintEventType type, Actor actor, DateTimeOffset now, string? data)
    {
        ResolvedAt = now;
        Move(ComplaintStatus.Resolved, type, EventVisibility.Public, actor, now, null, data);
    }

    private void Reopen(Actor actor, DateTimeOffset now, string reason)
    {
        // An archived report goes back to verification; a resolved one back to its agency.
        var to = Status == ComplaintStatus.Archived ? ComplaintStatus.Submitted : ComplaintStatus.InProgress;
        ResolvedAt = null;
        Rating = null;
        ResolutionDueAt = null; // a reopened report is new work for the agency, with a fresh deadline
        OnSiteAt = null;
        Move(to, ComplaintEventType.Reopened, EventVisibility.Public, actor, now, null);
        Record(ComplaintEventType.Note, EventVisibility.Staff, actor, now, null, null, reason, null);
    }

    private void Reply(ReplyCommand c, Actor actor, DateTimeOffset now)
    {
        // The reporter's answer to a deferral puts the report back in the verification queue.
        var to = Status == ComplaintStatus.Deferred ? ComplaintStatus.Submitted : Status;
        Move(to, ComplaintEventType.ReporterReplied, EventVisibility.Reporter, actor, now, c.Text, c.Data);
    }

    private void Accept(AcceptCommand c, Actor actor, DateTimeOffset now)
    {
        Rating = c.Rating;
        Resolve(ComplaintEventType.Accepted, actor, now, Json(new { rating = c.Rating }));
        RecordComment(c.Comment, actor, now);
    }

    private void Reject(RejectCommand c, Actor actor, DateTimeOffset now, SlaPolicy sla)
    {
        if (Status == ComplaintStatus.Resolved && !sla.WithinReopenWindow(ResolvedAt ?? now, now))
        {
            throw new InvalidTransitionException(Status, ComplaintAction.Reject, "Rule.ReopenWindowClosed");
        }

        ResolvedAt = null;
        Rating = null;
        Move(ComplaintStatus.InProgress, ComplaintEventType.ReporterRejected, EventVisibility.Public, actor, now, null);
        RecordComment(c.Comment, actor, now);
    }

    private void RecordComment(string? comment, Actor actor, DateTimeOffset now)
    {
        if (!string.IsNullOrWhiteSpace(comment))
        {
            Record(ComplaintEventType.ReporterComment, EventVisibility.Reporter, actor, now, null, null, comment, null);
        }
    }

    private void SyncClocks(DateTimeOffset now, SlaPolicy sla, bool restartAgencyClocks, bool newCategory = false)
    {
        // An imported report runs no clocks until a manager takes it over: last year's backlog escalates to no one.
        var wanted = IsImported && TakenOverAt is null ? new HashSet<SlaClockKind>() : SlaPolicy.RunningIn(Status, Priority, OnSiteAt is not null);
        if (newCategory && Clocks.Any(c => c.IsRunning && c.Kind == SlaClockKind.Resolution))
        {
            ResolutionDueAt = null;
        }

        foreach (var clock in Clocks.Where(c => c.IsRunning
            && (restartAgencyClocks || !wanted.Contains(c.Kind) || (newCategory && c.Kind == SlaClockKind.Resolution))))
        {
            clock.Stop(now);
        }

        var tier = Category?.Tier ?? Categories.ServiceTier.Normative;
        foreach (var kind in wanted.Where(k => !Clocks.Any(c => c.IsRunning && c.Kind == k)))
        {
            var due = sla.DueAt(kind, now, tier);
            if (kind == SlaClockKind.Resolution)
            {
                // A follow-up that was sent back does not buy the agency a new deadline.
                due = ResolutionDueAt ??= due;
            }

            var clock = new SlaClock(kind, LeadAgencyId, now, due);
            clock.Plan(sla.Ladder.First(kind, now, due, tier));
            Clocks.Add(clock);
        }

        // Staff deadlines only: a report that waits on the reporter is not overdue for anyone.
        NextDueAt = Clocks.Where(c => c.IsRunning && !SlaPolicy.WaitsOnReporter(c.Kind)).Min(c => (DateTimeOffset?)c.DueAt);
        DueOrder = NextDueAt ?? DateTimeOffset.MaxValue;
    }
}

/// <summary>A business rule refused the change (e.g. merging a report into itself); nothing changed.</summary>
public sealed class ComplaintRuleException(string messageKey, params object[] args)
    : InvalidOperationException(messageKey)
{
    public string MessageKey { get; } = messageKey;
    public IReadOnlyList<object> Args { get; } = args;
}
