using Aduan.Cli;
using Aduan.Complaints;
using Aduan.Tests.Support;

namespace Aduan.Tests.Complaints;

/// <summary>Touches no database: runs once, not again on PostgreSQL (test.sh filters on this trait).</summary>
[Trait("Category", "NoDatabase")]
public sealed class EventChainTests
{
    [Fact]
    public void Events_EachCarriesHashOfPrevious()
    {
        var c = ComplaintBuilder.InState(ComplaintStatus.Resolved);

        Assert.Equal("", c.Events[0].PreviousHash);
        for (var i = 1; i < c.Events.Count; i++)
        {
            Assert.Equal(c.Events[i - 1].Hash, c.Events[i].PreviousHash);
            Assert.Equal(i + 1, c.Events[i].Sequence);
        }

        Assert.Equal(c.Events[^1].Hash, c.LastEventHash);
        Assert.Null(AuditCommands.Check(c.Events, c.EventCount, c.LastEventHash));
    }

    [Fact]
    public void Check_RemovedLastEvent_IsReported()
    {
        var c = ComplaintBuilder.InState(ComplaintStatus.InProgress);

        var problem = AuditCommands.Check(c.Events.Take(c.Events.Count - 1).ToList(), c.EventCount, c.LastEventHash);

        Assert.NotNull(problem);
    }

    [Fact]
    public void Check_ReorderedEvents_IsReported()
    {
        var c = ComplaintBuilder.InState(ComplaintStatus.InProgress);
        var reordered = c.Events.ToList();
        (reordered[1], reordered[2]) = (reordered[2], reordered[1]);

        Assert.NotNull(AuditCommands.Check(reordered, c.EventCount, c.LastEventHash));
    }

    [Fact]
    public void CheckReport_IntactReport_IsNull()
    {
        var c = ComplaintBuilder.InState(ComplaintStatus.InProgress);

        Assert.Null(AuditCommands.CheckReport(c, c.Events));
    }

    [Fact]
    public void CheckReport_StateNotMatchingEvents_IsReported()
    {
        var c = ComplaintBuilder.InState(ComplaintStatus.InProgress);
        var chainUpToDispatch = c.Events.Where(e => e.Type != ComplaintEventType.Acknowledged).ToList();

        Assert.NotNull(AuditCommands.CheckReport(c, chainUpToDispatch));
    }
}
