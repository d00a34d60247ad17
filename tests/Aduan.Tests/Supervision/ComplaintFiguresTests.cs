using Aduan.Complaints;
using Aduan.Tests.Support;
using static Aduan.Tests.Support.ComplaintBuilder;

namespace Aduan.Tests.Supervision;

/// <summary>The per-report figures the dashboard ranks by, written by the aggregate when each event happens.</summary>
public sealed class ComplaintFiguresTests
{
    private static readonly DateOnly Muharram = new(2026, 6, 16);

    /// <summary>10:00 WIB on a day of June 2026.</summary>
    private static DateTimeOffset June(int day) => new(2026, 6, day, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Handle_AnswersAcrossAWeekendAndAHoliday_CountsWorkingDaysOnly()
    {
        var sla = ComplaintBuilder.Sla(Muharram);
        var c = Submitted(June(12), sla); // Friday
        c.Handle(new DispatchCommand(Dbmsda, [], null), Manager, June(12), sla);

        c.Handle(new AcknowledgeCommand(), Officer, June(17), sla); // Wednesday: Mon 15 and Wed 17; Tue 16 is 1 Muharram
        c.Handle(new FollowUpCommand("Sudah ditambal.", Final: true), Officer, June(18), sla);

        Assert.Equal(June(17), c.FirstResponseAt);
        Assert.Equal(2, c.ResponseWorkingDays);
        Assert.Equal(3, c.FollowUpWorkingDays);
        Assert.Equal(0, c.ReopenCount);
    }

    [Fact]
    public void Handle_FollowUpStraightAfterDispatch_IsAlsoTheFirstResponse()
    {
        var sla = ComplaintBuilder.Sla();
        var c = Submitted(June(2), sla);
        c.Handle(new DispatchCommand(Dbmsda, [], null), Manager, June(2), sla);

        c.Handle(new FollowUpCommand("Sudah ditambal.", Final: true), Officer, June(4), sla);

        Assert.Equal((2, 2), (c.ResponseWorkingDays, c.FollowUpWorkingDays));
    }

    [Fact]
    public void Handle_RejectedReopenedAndForwarded_CountsReopensKeepsTheFirstResponse()
    {
        var sla = ComplaintBuilder.Sla();
        var c = InState(ComplaintStatus.FollowedUp, June(2));
        var first = c.FirstResponseAt;

        c.Handle(new RejectCommand("Belum diperbaiki"), Actor.Reporter, June(3), sla);
        c.Handle(new ForwardCommand(Dinkes, "Salah instansi"), Officer, June(3), sla);
        c.Handle(new FollowUpCommand("Sudah diperbaiki.", Final: true), Officer, June(5), sla);
        c.Handle(new AcceptCommand(5, null), Actor.Reporter, June(5), sla);
        c.Handle(new ReopenCommand("Masalah muncul lagi"), Manager, June(8), sla);

        Assert.Equal(2, c.ReopenCount);
        Assert.Equal(first, c.FirstResponseAt);
        Assert.Equal(3, c.FollowUpWorkingDays); // from the dispatch on Tue 2 to the second follow-up on Fri 5
    }

    [Fact]
    public void Percentiles_FromAHistogram_NearestRank()
    {
        var p = Aduan.Supervision.Percentiles.From([(1, 5), (2, 3), (10, 2)]); // 1,1,1,1,1,2,2,2,10,10

        Assert.Equal(new Aduan.Supervision.Percentiles(10, 1, 10), p);
        Assert.Equal(Aduan.Supervision.Percentiles.None, Aduan.Supervision.Percentiles.From([]));
    }
}
