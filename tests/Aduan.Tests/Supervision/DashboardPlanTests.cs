using System.Text.RegularExpressions;
using Aduan.Data.Sqlite;
using Aduan.Statistics;
using Aduan.Supervision;
using Aduan.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Supervision;

/// <summary>
/// The dashboard's reads of reports (the rest are daily counts) stay on their indexes, each reading a day of reports or
/// the small partial index of the late ones: SQLite uses a partial index only when the query repeats its condition, so a
/// change to either side would quietly scan every report.
/// Plans, not timings: the speed itself is measured in bench/.
/// </summary>
public sealed class DashboardPlanTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"aduan-plans-{Guid.NewGuid():N}.db");
    private SqliteAduanDbContext _db = null!;

    public async Task InitializeAsync()
    {
        _db = new SqliteAduanDbContext(new DbContextOptionsBuilder<SqliteAduanDbContext>().UseSqlite($"Data Source={_file}").Options);
        await _db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(5L)]
    public async Task OpenReportsNow_LiveParts_SearchOneDayThroughAnIndex(long? agency)
    {
        var scope = agency is { } id ? SupervisionScope.Agency(id, "DBMSDA") : SupervisionScope.City;
        var now = DateTimeOffset.UtcNow;

        // The rest of the open reports now are daily counts; these two read a day of reports at most.
        var boundary = await PlanAsync(SupervisionQueries.SubmittedBetween(_db, scope, now.AddDays(-4), now.AddDays(-3.5)));
        var dueToday = await PlanAsync(SupervisionQueries.DueBetween(_db, now.AddHours(-8), now));

        Assert.True(Regex.IsMatch(boundary, @"SEARCH c USING (COVERING )?INDEX IX_Complaints_\w*SubmittedAt\w* \([^)]*SubmittedAt>\? AND SubmittedAt<\?\)"), boundary);
        Assert.True(Regex.IsMatch(dueToday, @"SEARCH c USING (COVERING )?INDEX IX_Complaints_NextDueAt \(NextDueAt>\? AND NextDueAt<\?\)"), dueToday);
        Assert.DoesNotContain("SCAN c", boundary + dueToday, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwaitingFollowUp_AYear_ReadsOnlyTheWaitingReportsIndex()
    {
        var year = new Period(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));

        var plan = await PlanAsync(SupervisionQueries.AwaitingFollowUp(_db, SupervisionScope.City, year, DateTimeOffset.UtcNow));

        Assert.Contains("USING COVERING INDEX IX_Complaints_AwaitingFollowUp", plan, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public void OpenIndexFilter_IsTheMigrationsCondition(string provider)
    {
        var migration = QueryPlans.Migration(provider, "DailyCounts");

        Assert.Equal(2, migration.Split("WHERE " + SupervisionQueries.OpenIndexFilter + ";").Length - 1);
    }

    private Task<string> PlanAsync<T>(IQueryable<T> query) => QueryPlans.ExplainAsync(_db, query);
}
