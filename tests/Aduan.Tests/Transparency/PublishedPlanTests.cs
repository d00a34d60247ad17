using Aduan.Complaints;
using Aduan.Data;
using Aduan.Tests.Support;
using Aduan.Transparency;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Transparency;

/// <summary>
/// The public register and the open data read published reports through their own indexes, in their order, whatever the
/// number of reports: SQLite uses a partial index only when the query repeats its condition, and without statistics it
/// preferred the state index, reading every published report and sorting them for each page and each open-data batch
/// (at a million reports the open data's first build outlasted ten minutes). Plans, not timings: speed is in bench/.
/// Always on SQLite (its planner is the one that needs the help); the same rule runs on PostgreSQL in every other test.
/// </summary>
public sealed class PublishedPlanTests() : SqliteFileTests("published-plans")
{
    private AsyncServiceScope _scope;
    private AduanDbContext _db = null!;
    private PublicRegister _register = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _scope = App.Services.CreateAsyncScope();
        _db = _scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        _register = _scope.ServiceProvider.GetRequiredService<PublicRegister>();
        await _db.Database.OpenConnectionAsync();
    }

    public override async Task DisposeAsync()
    {
        try
        {
            await _scope.DisposeAsync();
        }
        finally
        {
            await base.DisposeAsync();
        }
    }

    public static TheoryData<string> Filters => new()
    {
        "", "agency=DBMSDA", "category=JALAN", "kecamatan=Bekasi Timur", "status=Dispatched", "from=2026-05-01&to=2026-05-31",
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task RegisterPage_EachFilter_ReadsAnIndexInTheRegistersOrder(string filter)
    {
        var q = await _register.FilterAsync(_register.Published(), Query(filter), CancellationToken.None);

        var plan = await PlanAsync(PublicRegister.NewestFirst(q).Take(PublicRegister.PageSize));

        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
        Assert.Matches(@"^(SEARCH|SCAN) c USING (COVERING )?INDEX IX_Complaints_\w+", plan);
        Assert.DoesNotContain("IX_Complaints_Status_SubmittedAt", filter.StartsWith("status=", StringComparison.Ordinal) ? "" : plan, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", @"IX_Complaints_Published\w*")] // any of them: each holds every published report
    [InlineData("agency=DBMSDA", "IX_Complaints_PublishedByAgency")]
    [InlineData("category=JALAN", "IX_Complaints_PublishedByCategory")]
    [InlineData("kecamatan=Bekasi Timur", "IX_Complaints_PublishedByKecamatan")]
    [InlineData("status=Dispatched", "IX_Complaints_PublishedByStatus")]
    public async Task RegisterCount_EachFilter_CountsAPublishedIndexAlone(string filter, string index)
    {
        var q = await _register.FilterAsync(_register.Published(), Query(filter), CancellationToken.None);

        var plan = await PlanAsync(q.Take(PublicRegister.MaxCount + 1).Select(c => c.Id));

        Assert.Matches($@"^(SEARCH|SCAN) c USING COVERING INDEX {index}\b", plan);
    }

    [Theory]
    [InlineData("")]
    [InlineData("category=JALAN")]
    [InlineData("agency=DBMSDA")]
    public async Task RegisterSearch_ACommonWord_WalksTheRegistersIndexInsteadOfSortingEveryMatch(string filter)
    {
        // More matching texts than "few" (only the search table's rows: the plan depends on the count, not the reports).
        await using (var tx = await _db.Database.BeginTransactionAsync())
        {
            for (var id = 1_000_000; id <= 1_000_000 + ComplaintSearch.FewMatches; id++)
            {
                await _db.Database.ExecuteSqlAsync($"INSERT INTO ComplaintPublicSearch(rowid, PublicTitle, PublicText) VALUES ({id}, '', 'jalan rusak')");
            }

            await tx.CommitAsync();
        }

        // As the register searches on SQLite (ComplaintSearch.SearchPublicTextAsync).
        var filtered = await _register.FilterAsync(_register.Published(), Query(filter), CancellationToken.None);
        var common = await filtered.MatchingPublicTextAsync(_db, "jalan rusak", CancellationToken.None);
        var rare = await filtered.MatchingPublicTextAsync(_db, "zzqx", CancellationToken.None);

        var commonPlan = await PlanAsync(PublicRegister.NewestFirst(common).Take(PublicRegister.PageSize));
        var rarePlan = await PlanAsync(PublicRegister.NewestFirst(rare).Take(PublicRegister.PageSize));

        // Many: an index in the register's order, each report looked up among the matches, nothing sorted.
        Assert.Matches(@"^(SEARCH|SCAN) c USING (COVERING )?INDEX IX_Complaints_\w+", commonPlan);
        Assert.DoesNotContain("TEMP B-TREE", commonPlan, StringComparison.Ordinal);

        // Few: read by id (or, with a filter, the filter's own range); never a walk of every published report.
        Assert.StartsWith(filter == "" ? "SEARCH c USING INTEGER PRIMARY KEY (rowid=?)" : "SEARCH c", rarePlan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffSearch_ACommonWord_WalksTheSubmissionIndexInsteadOfSortingEveryMatch()
    {
        await using (var tx = await _db.Database.BeginTransactionAsync())
        {
            for (var id = 1_000_000; id <= 1_000_000 + ComplaintSearch.FewMatches; id++)
            {
                await _db.Database.ExecuteSqlAsync($"INSERT INTO ComplaintSearch(rowid, Title, Text) VALUES ({id}, '', 'jalan rusak')");
            }

            await tx.CommitAsync();
        }

        var common = await _db.Complaints.MatchingAsync(_db, "jalan rusak", CancellationToken.None);
        var rare = await _db.Complaints.MatchingAsync(_db, "zzqx", CancellationToken.None);

        var commonPlan = await PlanAsync(common.OrderByDescending(c => c.SubmittedAt).ThenByDescending(c => c.Id).Take(20));
        var rarePlan = await PlanAsync(rare.OrderByDescending(c => c.SubmittedAt).ThenByDescending(c => c.Id).Take(20));

        Assert.Matches(@"^SCAN c USING (COVERING )?INDEX IX_Complaints_SubmittedAt", commonPlan);
        Assert.DoesNotContain("TEMP B-TREE", commonPlan, StringComparison.Ordinal);
        Assert.StartsWith("SEARCH c USING INTEGER PRIMARY KEY (rowid=?)", rarePlan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenDataBatch_ReadsARangeOfThePrimaryKey()
    {
        var plan = await PlanAsync(OpenDataApi.BatchBefore(_register.Published(), 1_000_000).Select(c => c.Id));

        Assert.Equal("SEARCH c USING INTEGER PRIMARY KEY (rowid<?)", plan.Trim());
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public void IndexFilter_IsTheMigrationsCondition(string provider)
    {
        var migration = QueryPlans.Migration(provider, "PublishedIndexes");

        Assert.Equal(4, migration.Split("filter: \"" + Publication.IndexFilter.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"").Length - 1);
        Assert.Contains("\"IX_Complaints_PublishedByKecamatan\" ON \"Complaints\" (\"Location_Kecamatan\", \"SubmittedAt\", \"Id\", \"Status\", \"Privacy\")\n"
            + "                WHERE " + Publication.IndexFilter + ";", migration, StringComparison.Ordinal);
    }

    [Fact]
    public void IsPublished_InMemory_AgreesWithTheQueryRule()
    {
        var published = 0;
        foreach (var status in Enum.GetValues<ComplaintStatus>())
        {
            foreach (var privacy in Enum.GetValues<PrivacyMode>())
            {
                var complaint = (Complaint)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(typeof(Complaint));
                typeof(Complaint).GetProperty(nameof(Complaint.Status))!.SetValue(complaint, status);
                typeof(Complaint).GetProperty(nameof(Complaint.Privacy))!.SetValue(complaint, privacy);

                var byRule = new[] { complaint }.AsQueryable().WherePublished().Any();

                Assert.Equal(byRule, Publication.IsPublished(status, privacy));
                published += byRule ? 1 : 0;
            }
        }

        Assert.Equal(PublicRegister.PublishedStatuses.Count * 2, published); // Public and Anonymous, never Confidential
    }

    [Fact]
    public void Rule_InSql_IsTheIndexCondition()
    {
        var sql = _register.Published().Select(c => c.Id).ToQueryString();

        Assert.True(sql.Contains(Publication.IndexFilter.Replace("\"Privacy\"", "\"c\".\"Privacy\"", StringComparison.Ordinal)
            .Replace("\"Status\"", "\"c\".\"Status\"", StringComparison.Ordinal), StringComparison.Ordinal), sql);
    }

    private static RegisterQuery Query(string filter)
    {
        var values = filter.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('='))
            .ToDictionary(p => p[0], p => p[1]);
        return new RegisterQuery(Agency: values.GetValueOrDefault("agency"), Category: values.GetValueOrDefault("category"),
            Kecamatan: values.GetValueOrDefault("kecamatan"), Status: values.GetValueOrDefault("status"),
            From: values.TryGetValue("from", out var from) ? DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture) : null,
            To: values.TryGetValue("to", out var to) ? DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    private Task<string> PlanAsync<T>(IQueryable<T> query) => QueryPlans.ExplainAsync(_db, query);
}
