using Aduan.Complaints;
using Aduan.Sla;
using Aduan.Tests.Support;

namespace Aduan.Tests.Sla;

/// <summary>Touches no database: runs once, not again on PostgreSQL (test.sh filters on this trait).</summary>
[Trait("Category", "NoDatabase")]
public sealed class SlaClockTests
{
    private static readonly DateTimeOffset Now = AduanFactory.Start; // Tue 2 June 2026, 10:00 WIB

    private static SlaClock Running(Complaint c, SlaClockKind kind) => Assert.Single(c.Clocks, k => k.Kind == kind && k.IsRunning);

    [Fact]
    public void Submit_StartsVerificationClockOfThreeWorkingDays()
    {
        var c = ComplaintBuilder.Submitted(Now);

        var clock = Running(c, SlaClockKind.Verification);
        Assert.Equal(new DateTimeOffset(2026, 6, 5, 17, 0, 0, TimeSpan.Zero), clock.DueAt);
        Assert.Equal(clock.DueAt, c.NextDueAt);
    }

    [Fact]
    public void Dispatch_StopsVerificationAndStartsResponseAndTierResolution()
    {
        var c = ComplaintBuilder.Submitted(Now);
        var at = Now.AddHours(1);

        c.Handle(new DispatchCommand(ComplaintBuilder.Dbmsda, [], null), ComplaintBuilder.Manager, at, ComplaintBuilder.Sla());

        Assert.Equal(at, Assert.Single(c.Clocks, k => k.Kind == SlaClockKind.Verification).StoppedAt);
        Assert.Equal(new DateTimeOffset(2026, 6, 9, 17, 0, 0, TimeSpan.Zero), Running(c, SlaClockKind.Response).DueAt); // 5 wd
        Assert.Equal(new DateTimeOffset(2026, 6, 22, 17, 0, 0, TimeSpan.Zero), Running(c, SlaClockKind.Resolution).DueAt); // 14 wd, non-supervisory
        Assert.Equal(ComplaintBuilder.Dbmsda.Id, Running(c, SlaClockKind.Resolution).AgencyId);
        Assert.Equal(Running(c, SlaClockKind.Response).DueAt, c.NextDueAt);
    }

    [Fact]
    public void Classify_Urgent_AfterDispatch_StartsHourClocks()
    {
        var c = ComplaintBuilder.InState(ComplaintStatus.Dispatched, Now);

        c.Handle(new ClassifyCommand(null, null, null, Priority.Urgent), ComplaintBuilder.Manager, Now, ComplaintBuilder.Sla());

        Assert.Equal(Now.AddHours(1), Running(c, SlaClockKind.UrgentAcknowledge).DueAt);
        Assert.Equal(Now.AddHours(24), Running(c, SlaClockKind.UrgentOnSite).DueAt);
        Assert.Equal(Now.AddHours(1), c.NextDueAt);
    }

    [Fact]
    public void FinalFollowUp_StopsAgencyClocksAndStartsReporterReplyWindow()
    {
        var c = ComplaintBuilder.InState(ComplaintStatus.InProgress, Now);

        c.Handle(new FollowUpCommand("Selesai ditambal.", Final: true), ComplaintBuilder.Officer, Now, ComplaintBuilder.Sla());

        Assert.DoesNotContain(c.Clocks, k => k.IsRunning && k.Kind is SlaClockKind.Resolution or SlaClockKind.Response);
        Assert.Equal(new DateTimeOffset(2026, 6, 16, 17, 0, 0, TimeSpan.Zero), Running(c, SlaClockKind.ReporterReply).DueAt); // 10 wd
    }

    [Fact]
    public void Forward_RestartsAgencyClocksForTheNewAgency()
    {
        var c = ComplaintBuilder.InState(ComplaintStatus.Dispatched, Now);
        var later = Now.AddDays(1);

        c.Handle(new ForwardCommand(ComplaintBuilder.Dishub, "Lampu jalan"), ComplaintBuilder.Officer, later, ComplaintBuilder.Sla());

        Assert.Equal(ComplaintBuilder.Dishub.Id, Running(c, SlaClockKind.Response).AgencyId);
        Assert.Equal(later, Running(c, SlaClockKind.Response).StartedAt);
        Assert.Equal(2, c.Clocks.Count(k => k.Kind == SlaClockKind.Response));
    }

    [Fact]
    public void Defer_RunsDeferralWindowAndReplyReturnsToVerification()
    {
        var c = ComplaintBuilder.Submitted(Now);
        var sla = ComplaintBuilder.Sla();

        c.Handle(new DeferCommand("Mohon alamat lengkap"), ComplaintBuilder.Manager, Now, sla);
        Assert.Equal(new DateTimeOffset(2026, 6, 16, 17, 0, 0, TimeSpan.Zero), Running(c, SlaClockKind.DeferralAnswer).DueAt);

        c.Handle(new ReplyCommand("Jl. Ahmad Yani 12"), Actor.Reporter, Now.AddDays(1), sla);
        Assert.Equal(ComplaintStatus.Submitted, c.Status);
        Assert.Equal(Now.AddDays(1), Running(c, SlaClockKind.Verification).StartedAt);
    }

    [Theory]
    [InlineData(ComplaintStatus.Archived)]
    [InlineData(ComplaintStatus.Referred)]
    [InlineData(ComplaintStatus.Merged)]
    [InlineData(ComplaintStatus.Resolved)]
    public void ClosedStates_HaveNoRunningClock(ComplaintStatus status)
    {
        var c = ComplaintBuilder.InState(status, Now);

        Assert.DoesNotContain(c.Clocks, k => k.IsRunning);
        Assert.Null(c.NextDueAt);
    }

    [Fact]
    public void Holidays_PushResolutionDeadline()
    {
        var sla = ComplaintBuilder.Sla(new DateOnly(2026, 6, 3), new DateOnly(2026, 6, 4));
        var c = ComplaintBuilder.Submitted(Now, sla);

        Assert.Equal(new DateTimeOffset(2026, 6, 9, 17, 0, 0, TimeSpan.Zero), Running(c, SlaClockKind.Verification).DueAt); // Fri, Mon, Tue
    }

    [Fact]
    public void FlaggedUrgentBeforeDispatch_StartsHourClocksAtOnce()
    {
        var c = ComplaintBuilder.Submitted(Now);

        c.Handle(new ClassifyCommand(null, null, null, Priority.Urgent), ComplaintBuilder.Manager, Now.AddMinutes(5), ComplaintBuilder.Sla());
        c.Handle(new DispatchCommand(ComplaintBuilder.Dbmsda, [], null), ComplaintBuilder.Manager, Now.AddMinutes(20), ComplaintBuilder.Sla());

        Assert.Equal(Now.AddMinutes(65), Running(c, SlaClockKind.UrgentAcknowledge).DueAt); // from flagging, not dispatch
    }

    [Fact]
    public void RejectedFollowUp_KeepsTheOriginalResolutionDeadline()
    {
        var c = ComplaintBuilder.InState(ComplaintStatus.Dispatched, Now);
        var original = Running(c, SlaClockKind.Resolution).DueAt;
        var sla = ComplaintBuilder.Sla();

        c.Handle(new FollowUpCommand("Sudah.", Final: true), ComplaintBuilder.Officer, Now.AddDays(10), sla);
        c.Handle(new RejectFollowUpCommand("Belum ada bukti."), ComplaintBuilder.Manager, Now.AddDays(11), sla);

        Assert.Equal(original, Running(c, SlaClockKind.Resolution).DueAt);
    }

    [Fact]
    public void ManagerReopen_GivesAFreshResolutionDeadlineAndClearsTheRating()
    {
        var c = ComplaintBuilder.InState(ComplaintStatus.Resolved, Now);
        var later = Now.AddDays(30);

        c.Handle(new ReopenCommand("Rusak lagi"), ComplaintBuilder.Manager, later, ComplaintBuilder.Sla());

        Assert.True(Running(c, SlaClockKind.Resolution).DueAt > later);
        Assert.Null(c.Rating);
    }

    [Fact]
    public void WaitingOnReporter_IsNotStaffOverdue()
    {
        var c = ComplaintBuilder.InState(ComplaintStatus.FollowedUp, Now);

        Assert.Contains(c.Clocks, k => k.IsRunning && k.Kind == SlaClockKind.ReporterReply);
        Assert.Null(c.NextDueAt);
    }

    [Fact]
    public void ReopenWindowOfZero_RefusesTheReportersReject()
    {
        var c = ComplaintBuilder.InState(ComplaintStatus.Resolved, Now);
        var sla = new SlaPolicy(new SlaOptions { ReopenWindowWorkingDays = 0 }, ComplaintBuilder.Sla().Calendar);

        Assert.Throws<InvalidTransitionException>(() => c.Handle(new RejectCommand(null), Actor.Reporter, Now, sla));
    }
}
