using Aduan.Cli;
using Aduan.Complaints;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Importing;

/// <summary>Past reports from the call center's spreadsheets: all or nothing, idempotent, with a valid event chain.</summary>
public sealed class ImportTests : IDisposable
{
    private readonly AduanFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private Task<int> CountAsync() => _factory.WithDbAsync(db => db.Complaints.CountAsync());

    [Fact]
    public async Task Import_DryRun_WritesNothing()
    {
        var before = await CountAsync();

        var result = await PastReportsCsv.Article().ImportAsync(_factory, dryRun: true);

        Assert.Equal((61, 61, false), (result.Rows, result.Added, result.Saved));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Import_PastEmergency_StaysAtNormalPriority()
    {
        // History, not a live emergency: no urgent clock may start, years late, for a fire of 2020.
        var csv = new PastReportsCsv().Row("12/10/2020 10:00", "CallCenter", "KEBAKARAN", "DAMKAR", "Dispatched", "12/10/2020 11:00");

        var result = await csv.ImportAsync(_factory);

        Assert.True(result.Saved);
        Assert.Equal([Priority.Normal], await _factory.WithDbAsync(db => db.Complaints.Where(c => c.IsImported).Select(c => c.Priority).ToListAsync()));
    }

    [Fact]
    public async Task Import_BadRows_RejectsTheWholeFileWithLinesAndReasons()
    {
        var before = await CountAsync();
        var csv = new PastReportsCsv()
            .Resolved(new DateTime(2020, 10, 12, 9, 0, 0), "DINKES")
            .Row("31/02/2020 10:00", "CallCenter", "KESEHATAN", "DINKES", "Submitted")
            .Row("12/10/2020 10:00", "CallCenter", "KESEHATAN", "DINAS-ANTAH", "Dispatched", "12/10/2020 11:00")
            .Row("12/10/2020 10:00", "Telegram", "KESEHATAN", "DINKES", "Selesai", "12/10/2020 11:00", "", "14/10/2020 10:00");

        var result = await csv.ImportAsync(_factory);

        Assert.False(result.Saved);
        Assert.Equal([3, 4, 5], result.Rejected.Select(r => r.Line));
        Assert.Contains("submitted_at", result.Rejected[0].Reasons, StringComparison.Ordinal);
        Assert.Contains("DINAS-ANTAH", result.Rejected[1].Reasons, StringComparison.Ordinal);
        Assert.Contains("Telegram", result.Rejected[2].Reasons, StringComparison.Ordinal);
        Assert.Contains("followed_up_at", result.Rejected[2].Reasons, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Import_FollowUpWithANoncharacter_RejectsTheRowAsEveryChannelWould()
    {
        var before = await CountAsync();
        var csv = new PastReportsCsv()
            .Row("12/10/2020 10:00", "CallCenter", "KESEHATAN", "DINKES", "Selesai", "12/10/2020 11:00", "13/10/2020 10:00",
                "14/10/2020 10:00", "Sudah \uFFFF ditangani");

        var result = await csv.ImportAsync(_factory);

        Assert.False(result.Saved);
        var rejected = Assert.Single(result.Rejected);
        Assert.StartsWith("follow_up: ", rejected.Reasons, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Import_SameFileTwice_AddsNothingTheSecondTime()
    {
        var first = await PastReportsCsv.Article().ImportAsync(_factory);
        var count = await CountAsync();

        var second = await PastReportsCsv.Article().ImportAsync(_factory);

        Assert.Equal(61, first.Added);
        Assert.Equal((0, 61, true), (second.Added, second.AlreadyImported, second.Saved));
        Assert.Equal(count, await CountAsync());
    }

    [Fact]
    public async Task Import_Reports_KeepTheirDatesChannelAndPassAuditVerify()
    {
        await new PastReportsCsv()
            .Resolved(new DateTime(2020, 10, 12, 9, 0, 0), "DINKES", channel: "Sms")
            .Row("2019-03-04T08:30:00+07:00", "Web", "Pendidikan", "Dinas Pendidikan", "Belum Ditindaklanjuti", "2019-03-04T10:00:00+07:00")
            .ImportAsync(_factory);

        var imported = await _factory.WithDbAsync(db => db.Complaints.AsNoTracking().Where(c => c.IsImported).OrderBy(c => c.SubmittedAt).ToListAsync());
        var audit = await _factory.WithDbAsync(db => AuditCommands.VerifyAsync(db, TextWriter.Null, CancellationToken.None));

        Assert.Equal(2, imported.Count);
        Assert.Equal((new DateTimeOffset(2019, 3, 4, 1, 30, 0, TimeSpan.Zero), Channel.Web, ComplaintStatus.Dispatched),
            (imported[0].SubmittedAt, imported[0].Channel, imported[0].Status));
        Assert.Equal((new DateTimeOffset(2020, 10, 12, 2, 0, 0, TimeSpan.Zero), Channel.Sms, ComplaintStatus.Resolved),
            (imported[1].SubmittedAt, imported[1].Channel, imported[1].Status));
        Assert.Equal(new DateTimeOffset(2020, 10, 13, 2, 0, 0, TimeSpan.Zero), imported[1].FollowedUpAt);
        Assert.All(imported, c => Assert.Equal(64, c.ImportKey!.Length));
        Assert.Empty(audit.Broken);
        Assert.False(await _factory.WithDbAsync(db => db.SlaClocks.AnyAsync(k => k.ComplaintId == imported[1].Id && k.StoppedAt == null)));
    }
}
