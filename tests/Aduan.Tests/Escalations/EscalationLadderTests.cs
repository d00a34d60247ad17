using Aduan.Categories;
using Aduan.Complaints;
using Aduan.Escalations;
using Aduan.Sla;
using Aduan.Tests.Support;

namespace Aduan.Tests.Escalations;

/// <summary>When each step falls due, by hand: WIB dates, weekends, Nyepi, Idul Fitri and its cuti bersama, Good Friday.</summary>
public sealed class EscalationLadderTests
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    // 18-24 March 2026: cuti bersama Nyepi, Nyepi, cuti bersama Idul Fitri, Idul Fitri (Sat, Sun), cuti bersama twice; 3 April: Good Friday.
    private static readonly DateOnly[] Lebaran =
    [
        new(2026, 3, 18), new(2026, 3, 19), new(2026, 3, 20), new(2026, 3, 21), new(2026, 3, 22), new(2026, 3, 23), new(2026, 3, 24),
        new(2026, 4, 3),
    ];

    private static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, Wib);

    [Fact]
    public void First_ResponseClockOverIdulFitri_RemindsAt80PercentOfTheWorkingTime()
    {
        var sla = ComplaintBuilder.Sla(Lebaran);
        var start = At(3, 17, 10);
        var due = sla.DueAt(SlaClockKind.Response, start, ServiceTier.Normative);

        var first = sla.Ladder.First(SlaClockKind.Response, start, due, ServiceTier.Normative);

        // Five working days after Tuesday 17 March: 25, 26, 27, 30, 31 March; due at the end of the 31st.
        Assert.Equal(At(4, 1, 0), due);

        // 14 h of the 17th and 5 whole days = 134 h; 80% = 107 h 12 min: 14 + 24 × 3 (25-27 March) + 21 h 12 on Monday 30 March.
        Assert.Equal(new PlannedStep(EscalationStep.Reminder, At(3, 30, 21, 12)), first);
    }

    [Fact]
    public void After_TheLadder_MissedAtTheDeadlineThenLeadershipFiveWorkingDaysLaterOverGoodFriday()
    {
        var sla = ComplaintBuilder.Sla(Lebaran);
        var due = At(4, 1, 0);

        var missed = sla.Ladder.After(EscalationStep.Reminder, due, ServiceTier.Normative);
        var leadership = sla.Ladder.After(EscalationStep.Missed, due, ServiceTier.Normative);
        var last = sla.Ladder.After(EscalationStep.Leadership, due, ServiceTier.Normative);

        Assert.Equal(new PlannedStep(EscalationStep.Missed, due), missed);

        // Overdue on 1, 2, 6, 7, 8 April (3 April Good Friday, then a weekend): five working days at the end of the 8th.
        Assert.Equal(new PlannedStep(EscalationStep.Leadership, At(4, 9, 0)), leadership);
        Assert.Null(last);
    }

    [Fact]
    public void First_VerificationFromFridayAfternoon_LeavesTheWeekendOut()
    {
        var sla = ComplaintBuilder.Sla();
        var start = At(6, 5, 15); // Friday
        var due = sla.DueAt(SlaClockKind.Verification, start, ServiceTier.Normative);

        var first = sla.Ladder.First(SlaClockKind.Verification, start, due, ServiceTier.Normative);

        // Monday to Wednesday; 9 h of Friday + 72 h = 81 h; 80% = 64 h 48 min: 9 + 24 + 24 + 7 h 48 on Wednesday.
        Assert.Equal(At(6, 11, 0), due);
        Assert.Equal(At(6, 10, 7, 48), first!.At);
    }

    [Fact]
    public void First_UrgentHourClock_RemindsAt80PercentOfTheHour()
    {
        var sla = ComplaintBuilder.Sla();
        var start = At(6, 6, 22); // Saturday night: hour clocks ignore the calendar

        var first = sla.Ladder.First(SlaClockKind.UrgentAcknowledge, start, start.AddHours(1), ServiceTier.Normative);

        Assert.Equal(new PlannedStep(EscalationStep.Reminder, At(6, 6, 22, 48)), first);
    }

    [Fact]
    public void First_ClocksThatWaitOnTheReporter_HaveNoLadder()
    {
        var sla = ComplaintBuilder.Sla();
        var start = At(6, 2, 10);

        Assert.Null(sla.Ladder.First(SlaClockKind.ReporterReply, start, start.AddDays(14), ServiceTier.Normative));
        Assert.Null(sla.Ladder.First(SlaClockKind.DeferralAnswer, start, start.AddDays(14), ServiceTier.Normative));
    }

    [Fact]
    public void First_TierSettings_OverrideTheReminderShareAndTheLeadershipDays()
    {
        var options = new EscalationOptions { Tiers = { [ServiceTier.Light] = new TierLadder { ReminderShare = 0.5, LeadershipAfterWorkingDays = 0 } } };
        var sla = new SlaPolicy(new SlaOptions(), ComplaintBuilder.Sla().Calendar, options);
        var start = At(6, 2, 0); // Tuesday midnight: two whole working days to the end of Wednesday

        var light = sla.Ladder.First(SlaClockKind.Resolution, start, At(6, 4, 0), ServiceTier.Light);
        var normative = sla.Ladder.First(SlaClockKind.Resolution, start, At(6, 4, 0), ServiceTier.Normative);

        Assert.Equal(At(6, 3, 0), light!.At);
        Assert.Equal(At(6, 3, 14, 24), normative!.At);
        Assert.Null(sla.Ladder.After(EscalationStep.Missed, At(6, 4, 0), ServiceTier.Light)); // no leadership step for this tier
    }

    [Fact]
    public void Stop_AClockWithAStepAhead_HasNoNextStep()
    {
        var complaint = ComplaintBuilder.Submitted();
        var clock = Assert.Single(complaint.Clocks);
        Assert.Equal(EscalationStep.Reminder, clock.NextStep);

        complaint.Handle(new ArchiveCommand("Bukan pengaduan."), ComplaintBuilder.Manager, AduanFactory.Start.AddHours(1), ComplaintBuilder.Sla());

        Assert.Null(clock.NextStep);
        Assert.Null(clock.NextStepAt);
    }
}
