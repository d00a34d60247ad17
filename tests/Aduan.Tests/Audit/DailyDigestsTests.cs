using Aduan.Audit;
using Aduan.Cli;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Audit;

/// <summary>
/// The day digests recomputed from the events table, against lines published earlier. Two reports:
/// A on Tuesday 2 June 2026 (submitted and deferred), B on Wednesday 3 June, in WIB.
/// </summary>
public sealed class DailyDigestsTests : IDisposable
{
    private static readonly DateOnly Tuesday = new(2026, 6, 2);
    private static readonly DateOnly Wednesday = new(2026, 6, 3);

    private readonly AduanFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("altered")]
    [InlineData("removed")]
    [InlineData("backdated")]
    public async Task VerifyAgainst_EventOfTheDayTamperedWith_ReportsTheDayRewritten(string tampering)
    {
        var (a, b) = await TwoDaysOfReportsAsync();
        var published = await ChainAsync(Wednesday);

        var sql = tampering switch
        {
            "altered" => $"""UPDATE "ComplaintEvents" SET "Text" = 'Pertanyaan diganti' WHERE "Sequence" = 2 AND "ComplaintId" = {a}""",
            "removed" => $"""DELETE FROM "ComplaintEvents" WHERE "Sequence" = 2 AND "ComplaintId" = {a}""",

            // B's deferral, moved from Wednesday into Tuesday.
            _ => AduanFactory.OnPostgres
                ? $"""UPDATE "ComplaintEvents" SET "At" = "At" - interval '1 day' WHERE "Sequence" = 2 AND "ComplaintId" = {b}"""
                : $"""UPDATE "ComplaintEvents" SET "At" = "At" - {TimeSpan.TicksPerDay} WHERE "Sequence" = 2 AND "ComplaintId" = {b}""",
        };
        Assert.Equal(1, await _factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql)));
        var after = await ChainAsync(Wednesday);
        var (rewritten, output) = await VerifyAgainstAsync(published[0]);

        Assert.NotEqual(published[0].Digest, after[0].Digest);
        Assert.Equal(1, rewritten);
        Assert.Contains($"history up to 2026-06-02 was rewritten: expected {published[0].Digest}, found {after[0].Digest}", output,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAgainst_UnalteredHistoryWithLaterEvents_Matches()
    {
        var (a, _) = await TwoDaysOfReportsAsync();
        var published = await ChainAsync(Wednesday);

        // Thursday: more on report A and a new report; the published days are closed.
        var manager = await _factory.StaffClientAsync("Manager");
        var code = await _factory.WithDbAsync(db => db.Complaints.Where(c => c.Id == a).Select(c => c.TrackingCode).SingleAsync());
        await manager.ActOkAsync(code, new { action = "archive", reason = "Tidak ada jawaban." });
        await _factory.CreateClient().SubmitAsync();
        var (rewritten, output) = await VerifyAgainstAsync(published[0], published[1]);

        Assert.Equal(0, rewritten);
        Assert.Contains("OK: the history up to 2026-06-03 is the one published (2 digests checked, 2 days recomputed)", output,
            StringComparison.Ordinal);
        Assert.Equal([2, 2], published.Select(d => d.Events));
    }

    [Fact]
    public async Task VerifyAgainst_DayBeforeTheFirstEvent_IsReportedRewritten()
    {
        await TwoDaysOfReportsAsync();
        var published = await ChainAsync(Wednesday);

        var (rewritten, output) = await VerifyAgainstAsync(published[0] with { Day = Tuesday.AddDays(-1) });

        Assert.Equal(1, rewritten);
        Assert.Contains("history up to 2026-06-01 was rewritten", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Print_OneDay_PrintsTheLineOfTheChain()
    {
        await TwoDaysOfReportsAsync();
        var chain = await ChainAsync(Wednesday);
        var (output, notes) = (new StringWriter(), new StringWriter());

        await using var scope = _factory.Services.CreateAsyncScope();
        await DigestCommands.PrintAsync(scope.ServiceProvider.GetRequiredService<DailyDigests>(), _factory.Time, Wednesday, output, notes, default);

        Assert.Equal(chain[1].Line + Environment.NewLine, output.ToString());
        Assert.Equal("", notes.ToString());
    }

    /// <summary>Report A on Tuesday, B on Wednesday, each submitted and deferred; the clock ends on Thursday. Their ids.</summary>
    private async Task<(long A, long B)> TwoDaysOfReportsAsync()
    {
        // A manager signed in each day: an access token lasts 8 hours of the fake clock.
        var client = _factory.CreateClient();
        var a = await client.SubmitAsync();
        await (await _factory.StaffClientAsync("Manager")).ActOkAsync(a.TrackingCode, new { action = "defer", question = "Mohon foto lokasi." });
        _factory.Time.Advance(TimeSpan.FromDays(1));
        var b = await client.SubmitAsync();
        await (await _factory.StaffClientAsync("Manager")).ActOkAsync(b.TrackingCode, new { action = "defer", question = "Di sebelah mana?" });
        _factory.Time.Advance(TimeSpan.FromDays(1));
        return await _factory.WithDbAsync(async db => (
            await db.Complaints.Where(c => c.TrackingCode == a.TrackingCode).Select(c => c.Id).SingleAsync(),
            await db.Complaints.Where(c => c.TrackingCode == b.TrackingCode).Select(c => c.Id).SingleAsync()));
    }

    private async Task<List<DayDigest>> ChainAsync(DateOnly through)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var list = new List<DayDigest>();
        await foreach (var d in scope.ServiceProvider.GetRequiredService<DailyDigests>().ChainAsync(through, default))
        {
            list.Add(d);
        }

        return list;
    }

    private async Task<(int Rewritten, string Output)> VerifyAgainstAsync(params DayDigest[] published)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var output = new StringWriter();
        var rewritten = await DigestCommands.VerifyAgainstAsync(scope.ServiceProvider.GetRequiredService<DailyDigests>(),
            published.Select(p => (p.Day, p.Digest)).ToList(), output, default);
        return (rewritten, output.ToString());
    }
}
