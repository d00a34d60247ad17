using Aduan.Categories;
using Aduan.Sla;

namespace Aduan.Escalations;

/// <summary>
/// When each step of a clock falls due: planned when the clock starts and after each step, stored on
/// the clock (<see cref="SlaClock.NextStepAt"/>), so the sweep reads due steps with an indexed query and
/// computes nothing per row. Working-day clocks count their share in working time (whole working days
/// in WIB); hour clocks and calendar-day clocks in elapsed time. "Overdue by n working days" is n days
/// of working time after the deadline, for every clock.
/// </summary>
public sealed class EscalationLadder(EscalationOptions options, WorkingCalendar calendar)
{
    public EscalationOptions Options { get; } = options;

    /// <summary>The first step of a new clock; none for the clocks that wait on the reporter.</summary>
    public PlannedStep? First(SlaClockKind kind, DateTimeOffset start, DateTimeOffset due, ServiceTier tier)
    {
        if (SlaPolicy.WaitsOnReporter(kind))
        {
            return null;
        }

        var share = Options.ReminderShareFor(tier);
        var reminder = SlaPolicy.CountsWorkingDays(kind, tier)
            ? calendar.AddWorkingTime(start, calendar.WorkingTimeBetween(start, due) * share)
            : start + ((due - start) * share);
        return share < 1 && reminder < due ? new PlannedStep(EscalationStep.Reminder, reminder) : new PlannedStep(EscalationStep.Missed, due);
    }

    /// <summary>The step after <paramref name="step"/>, or none after the last.</summary>
    public PlannedStep? After(EscalationStep step, DateTimeOffset due, ServiceTier tier)
    {
        var days = Options.LeadershipAfterWorkingDaysFor(tier);
        return step switch
        {
            EscalationStep.Reminder => new PlannedStep(EscalationStep.Missed, due),
            EscalationStep.Missed when days > 0 => new PlannedStep(EscalationStep.Leadership, calendar.AddWorkingTime(due, TimeSpan.FromDays(days))),
            _ => null,
        };
    }

    public DateTimeOffset OmbudsmanDueAt(DateTimeOffset from) => from.AddDays(Options.OmbudsmanAfterDays);
}

public sealed record PlannedStep(EscalationStep Step, DateTimeOffset At);
