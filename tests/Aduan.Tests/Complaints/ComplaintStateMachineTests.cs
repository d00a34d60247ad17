using Aduan.Complaints;
using Aduan.Sla;
using Aduan.Tests.Support;

namespace Aduan.Tests.Complaints;

/// <summary>Touches no database: runs once, not again on PostgreSQL (test.sh filters on this trait).</summary>
[Trait("Category", "NoDatabase")]
public sealed class ComplaintStateMachineTests
{
    /// <summary>DESIGN.md's lifecycle table, written out independently of the implementation's table.</summary>
    private static readonly Dictionary<(ComplaintStatus, ComplaintAction), ComplaintStatus> Legal = new()
    {
        [(ComplaintStatus.Submitted, ComplaintAction.Classify)] = ComplaintStatus.Submitted,
        [(ComplaintStatus.Submitted, ComplaintAction.Defer)] = ComplaintStatus.Deferred,
        [(ComplaintStatus.Submitted, ComplaintAction.Archive)] = ComplaintStatus.Archived,
        [(ComplaintStatus.Submitted, ComplaintAction.Refer)] = ComplaintStatus.Referred,
        [(ComplaintStatus.Submitted, ComplaintAction.Merge)] = ComplaintStatus.Merged,
        [(ComplaintStatus.Submitted, ComplaintAction.Dispatch)] = ComplaintStatus.Dispatched,
        [(ComplaintStatus.Submitted, ComplaintAction.Verify)] = ComplaintStatus.Dispatched,
        [(ComplaintStatus.Submitted, ComplaintAction.Reply)] = ComplaintStatus.Submitted,
        [(ComplaintStatus.Deferred, ComplaintAction.Classify)] = ComplaintStatus.Deferred,
        [(ComplaintStatus.Deferred, ComplaintAction.Archive)] = ComplaintStatus.Archived,
        [(ComplaintStatus.Deferred, ComplaintAction.Reply)] = ComplaintStatus.Submitted,
        [(ComplaintStatus.Archived, ComplaintAction.Reopen)] = ComplaintStatus.Submitted,
        [(ComplaintStatus.Dispatched, ComplaintAction.Classify)] = ComplaintStatus.Dispatched,
        [(ComplaintStatus.Dispatched, ComplaintAction.Acknowledge)] = ComplaintStatus.InProgress,
        [(ComplaintStatus.Dispatched, ComplaintAction.Forward)] = ComplaintStatus.Dispatched,
        [(ComplaintStatus.Dispatched, ComplaintAction.FollowUp)] = ComplaintStatus.FollowedUp,
        [(ComplaintStatus.Dispatched, ComplaintAction.Reply)] = ComplaintStatus.Dispatched,
        [(ComplaintStatus.InProgress, ComplaintAction.Classify)] = ComplaintStatus.InProgress,
        [(ComplaintStatus.InProgress, ComplaintAction.Forward)] = ComplaintStatus.Dispatched,
        [(ComplaintStatus.InProgress, ComplaintAction.FollowUp)] = ComplaintStatus.FollowedUp,
        [(ComplaintStatus.InProgress, ComplaintAction.Reply)] = ComplaintStatus.InProgress,
        [(ComplaintStatus.FollowedUp, ComplaintAction.Classify)] = ComplaintStatus.FollowedUp,
        [(ComplaintStatus.FollowedUp, ComplaintAction.RejectFollowUp)] = ComplaintStatus.InProgress,
        [(ComplaintStatus.FollowedUp, ComplaintAction.Resolve)] = ComplaintStatus.Resolved,
        [(ComplaintStatus.FollowedUp, ComplaintAction.Accept)] = ComplaintStatus.Resolved,
        [(ComplaintStatus.FollowedUp, ComplaintAction.Reject)] = ComplaintStatus.InProgress,
        [(ComplaintStatus.FollowedUp, ComplaintAction.Reply)] = ComplaintStatus.FollowedUp,
        [(ComplaintStatus.Resolved, ComplaintAction.Reopen)] = ComplaintStatus.InProgress,
        [(ComplaintStatus.Resolved, ComplaintAction.Reject)] = ComplaintStatus.InProgress,
    };

    public static TheoryData<ComplaintStatus, ComplaintAction> EveryPair()
    {
        var data = new TheoryData<ComplaintStatus, ComplaintAction>();
        foreach (var status in Enum.GetValues<ComplaintStatus>())
        {
            foreach (var action in Enum.GetValues<ComplaintAction>())
            {
                data.Add(status, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Handle_EveryStateAndAction_MovesAsDesignedOrRefusesWithoutChange(ComplaintStatus status, ComplaintAction action)
    {
        var complaint = ComplaintBuilder.InState(status);
        var now = AduanFactory.Start.AddHours(1);
        var (command, actor) = ComplaintBuilder.SampleCommand(action, now);
        var (events, version) = (complaint.EventCount, complaint.Version);

        if (Legal.TryGetValue((status, action), out var expected))
        {
            complaint.Handle(command, actor, now, ComplaintBuilder.Sla());

            Assert.Equal(expected, complaint.Status);
            Assert.True(complaint.EventCount > events);
            Assert.Equal(version + 1, complaint.Version);
        }
        else
        {
            var ex = Assert.Throws<InvalidTransitionException>(() => complaint.Handle(command, actor, now, ComplaintBuilder.Sla()));

            Assert.Equal(status, ex.Status);
            Assert.Equal(status, complaint.Status);
            Assert.Equal(events, complaint.EventCount);
            Assert.Equal(version, complaint.Version);
        }
    }

    [Fact]
    public void AllowedIn_EveryState_MatchesDesignTable()
    {
        foreach (var status in Enum.GetValues<ComplaintStatus>())
        {
            var expected = Legal.Keys.Where(k => k.Item1 == status).Select(k => k.Item2).Order();
            Assert.Equal(expected, ComplaintStateMachine.AllowedIn(status).Order());
        }
    }

    [Fact]
    public void FollowUp_Interim_MovesToInProgressAndKeepsResolutionClock()
    {
        var c = ComplaintBuilder.InState(ComplaintStatus.Dispatched);

        c.Handle(new FollowUpCommand("Tim sudah survei lokasi.", Final: false), ComplaintBuilder.Officer, AduanFactory.Start.AddHours(2), ComplaintBuilder.Sla());

        Assert.Equal(ComplaintStatus.InProgress, c.Status);
        Assert.Contains(c.Clocks, k => k.Kind == SlaClockKind.Resolution && k.IsRunning);
        Assert.DoesNotContain(c.Clocks, k => k.Kind == SlaClockKind.Response && k.IsRunning);
    }

    [Fact]
    public void Forward_CountsBouncesAndMovesLeadAgency()
    {
        var c = ComplaintBuilder.InState(ComplaintStatus.InProgress);
        var sla = ComplaintBuilder.Sla();

        c.Handle(new ForwardCommand(ComplaintBuilder.Dinkes, "Bukan jalan, tapi limbah puskesmas"), ComplaintBuilder.Officer, AduanFactory.Start, sla);
        c.Handle(new ForwardCommand(ComplaintBuilder.Dishub, "Lampu lalu lintas"), ComplaintBuilder.Manager, AduanFactory.Start, sla);
        c.Handle(new ForwardCommand(ComplaintBuilder.Dbmsda, "Kembali ke jalan"), ComplaintBuilder.Manager, AduanFactory.Start, sla);

        Assert.Equal(3, c.ForwardCount);
        Assert.True(c.IsFlagged(sla.Options));
        Assert.Equal(ComplaintBuilder.Dbmsda.Id, c.LeadAgencyId);
        Assert.Single(c.Assignments, a => a.EndedAt is null);
    }

    [Fact]
    public void Forward_ToSameAgency_IsRefused()
    {
        var c = ComplaintBuilder.InState(ComplaintStatus.Dispatched);

        var ex = Assert.Throws<ComplaintRuleException>(() =>
            c.Handle(new ForwardCommand(ComplaintBuilder.Dbmsda, "x"), ComplaintBuilder.Officer, AduanFactory.Start, ComplaintBuilder.Sla()));

        Assert.Equal("Rule.ForwardSameAgency", ex.MessageKey);
        Assert.Equal(0, c.ForwardCount);
    }

    [Fact]
    public void Merge_IntoItself_IsRefused()
    {
        var c = ComplaintBuilder.Submitted();

        Assert.Throws<ComplaintRuleException>(() =>
            c.Handle(new MergeCommand(c), ComplaintBuilder.Manager, AduanFactory.Start, ComplaintBuilder.Sla()));
        Assert.Equal(ComplaintStatus.Submitted, c.Status);
    }

    [Fact]
    public void Merge_IntoMergedReport_IsRefused()
    {
        var merged = ComplaintBuilder.InState(ComplaintStatus.Merged);
        var c = ComplaintBuilder.Submitted();

        var ex = Assert.Throws<ComplaintRuleException>(() =>
            c.Handle(new MergeCommand(merged), ComplaintBuilder.Manager, AduanFactory.Start, ComplaintBuilder.Sla()));
        Assert.Equal("Rule.MergePrimaryClosed", ex.MessageKey);
    }

    [Fact]
    public void Reject_AfterReopenWindow_IsRefused()
    {
        var c = ComplaintBuilder.InState(ComplaintStatus.Resolved);
        var muchLater = AduanFactory.Start.AddDays(40);

        var ex = Assert.Throws<InvalidTransitionException>(() =>
            c.Handle(new RejectCommand("Rusak lagi"), Actor.Reporter, muchLater, ComplaintBuilder.Sla()));

        Assert.Equal("Rule.ReopenWindowClosed", ex.Reason);
        Assert.Equal(ComplaintStatus.Resolved, c.Status);
    }

    [Fact]
    public void Reject_WithinReopenWindow_ReopensToInProgress()
    {
        var c = ComplaintBuilder.InState(ComplaintStatus.Resolved);

        c.Handle(new RejectCommand("Rusak lagi"), Actor.Reporter, AduanFactory.Start.AddDays(3), ComplaintBuilder.Sla());

        Assert.Equal(ComplaintStatus.InProgress, c.Status);
        Assert.Null(c.Rating);
        Assert.Null(c.ResolvedAt);
    }

    [Fact]
    public void Dispatch_WithoutCategory_IsRefused()
    {
        var c = Complaint.Submit(
            new NewComplaint(null, "Ada masalah di kelurahan kami yang perlu ditangani.", ComplaintKind.Complaint, PrivacyMode.Public,
                Channel.Web, null, ReporterContact.None, ComplaintLocation.None),
            TrackingCode.New(), "h", Actor.Reporter, AduanFactory.Start, ComplaintBuilder.Sla());

        var ex = Assert.Throws<ComplaintRuleException>(() =>
            c.Handle(new DispatchCommand(ComplaintBuilder.Dinkes, [], null), ComplaintBuilder.Manager, AduanFactory.Start, ComplaintBuilder.Sla()));
        Assert.Equal("Rule.DispatchNeedsCategory", ex.MessageKey);
    }
}
