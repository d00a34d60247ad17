using Aduan.Escalations;
using Aduan.Sla;

namespace Aduan.Complaints;

/// <summary>The escalation ladder's changes to a report: a clock's step, the Ombudsman flag, taking over an imported report.</summary>
public sealed partial class Complaint
{
    /// <summary>
    /// Takes the step <paramref name="clock"/> is due for, records it as a staff event and plans the next;
    /// returns the step taken, or null when there is none due (the clock stopped or climbed meanwhile).
    /// After an outage a step whose successor is due too is passed over: one message says where it stands.
    /// </summary>
    public EscalationStep? Escalate(SlaClock? clock, DateTimeOffset now, SlaPolicy sla)
    {
        if (clock is not { IsRunning: true, NextStep: { } step, NextStepAt: { } at } || at > now || !Clocks.Contains(clock))
        {
            return null;
        }

        var tier = Category?.Tier ?? Categories.ServiceTier.Normative;
        var next = sla.Ladder.After(step, clock.DueAt, tier);
        while (next is not null && next.At <= now)
        {
            step = next.Step;
            next = sla.Ladder.After(step, clock.DueAt, tier);
        }

        clock.Plan(next);
        Version++;
        Record(ComplaintEventType.Escalated, EventVisibility.Staff, Actor.System, now, null, null, null,
            Json(new { step = step.ToString(), clock = clock.Kind.ToString(), due = clock.DueAt }));
        return step;
    }

    /// <summary>Flags an open report whose Ombudsman instant has come, with a staff event; false when it is not due.</summary>
    public bool FlagForOmbudsmanIfDue(DateTimeOffset now)
    {
        if (OmbudsmanFlaggedAt is not null || ClosedAt is not null || OmbudsmanDueAt is not { } due || due > now)
        {
            return false;
        }

        FlagForOmbudsman(now);
        Version++;
        Record(ComplaintEventType.Escalated, EventVisibility.Staff, Actor.System, now, null, null, null,
            Json(new { step = nameof(EscalationStep.Ombudsman), submitted = SubmittedAt }));
        return true;
    }

    /// <summary>Whether a manager may take this report over: imported, still open, not taken over yet.</summary>
    public bool CanBeTakenOver => IsImported && TakenOverAt is null && !ComplaintStateMachine.IsClosed(Status);

    /// <summary>
    /// A manager takes an imported open report over: its clocks start now, as if it had just reached its
    /// state, and its Ombudsman count starts now too. Recorded as a staff event.
    /// </summary>
    public void TakeOver(Actor actor, DateTimeOffset now, SlaPolicy sla)
    {
        if (!CanBeTakenOver)
        {
            throw new ComplaintRuleException("Rule.TakeOverImportedOpen");
        }

        TakenOverAt = now;
        ResolutionDueAt = null;
        OmbudsmanDueAt = sla.Ladder.OmbudsmanDueAt(now);
        UpdatedAt = now;
        Version++;
        Record(ComplaintEventType.TakenOver, EventVisibility.Staff, actor, now, null, null, null, null);

        // Restarting also stops a clock left running by an import made before imports stopped them.
        SyncClocks(now, sla, restartAgencyClocks: true);
    }
}
