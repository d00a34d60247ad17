using Aduan.Complaints;
using Aduan.Data;
using Aduan.Identity;
using Aduan.Infrastructure;
using Aduan.Resources;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Aduan.Tests.Complaints;

/// <summary>
/// The staff list's count and page, as the list runs them, read an index that holds their filters, in the list's
/// order: without statistics SQLite answered "dispatched road reports" by reading every road report newest first
/// and checking each one's state (472 ms at a million reports). Plans, not timings: speed is in bench/. Always on
/// SQLite, whose planner is the one that needs the help.
/// </summary>
public sealed class StaffListPlanTests() : SqliteFileTests("staff-plans", s => s.AddSingleton<IInterceptor, CommandRecorder>())
{
    [Theory]
    [InlineData("Dispatched", "JALAN", null, null, "IX_Complaints_Status_CategoryId_SubmittedAt")]
    [InlineData("Dispatched", "JALAN", null, "oldest", "IX_Complaints_Status_CategoryId_SubmittedAt")]
    [InlineData("Dispatched", null, null, null, "IX_Complaints_Status_SubmittedAt")]
    [InlineData(null, "JALAN", null, null, "IX_Complaints_CategoryId_SubmittedAt")]
    [InlineData("Dispatched", null, "DBMSDA", null, "IX_Complaints_LeadAgencyId_Status_SubmittedAt")]
    public async Task Filters_CountAndPage_ReadTheirIndexWithoutSorting(string? status, string? category, string? agency, string? sort,
        string index)
    {
        var plans = await PlansAsync(new StaffListQuery(Status: status, Category: category, Agency: agency, Sort: sort));

        Assert.Equal(2, plans.Count); // the capped count, then the page
        Assert.All(plans, plan =>
        {
            Assert.Matches($@"(SEARCH|SCAN) c USING (COVERING )?INDEX {index} ", plan);
            Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task SeveralStatesAndACategory_CountSeeksEachStateThePageWalksTheCategory()
    {
        // An IN list on the index's first column: the count seeks each state's range of the category from the index
        // alone; the page walks the category newest first and stops at a page, never sorting the category.
        var plans = await PlansAsync(new StaffListQuery(Status: "Dispatched,InProgress", Category: "JALAN"));

        Assert.Equal(2, plans.Count);
        Assert.Contains("SEARCH c USING COVERING INDEX IX_Complaints_Status_CategoryId_SubmittedAt (Status=? AND CategoryId=?)", plans[0],
            StringComparison.Ordinal);
        Assert.Contains("SEARCH c USING INDEX IX_Complaints_CategoryId_SubmittedAt (CategoryId=?)", plans[1], StringComparison.Ordinal);
        Assert.All(plans, plan => Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoFilter_NewestFirst_WalksTheSubmissionIndex()
    {
        var plans = await PlansAsync(new StaffListQuery());

        Assert.Equal(2, plans.Count);
        Assert.All(plans, plan => Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal));
        Assert.Matches(@"SCAN c USING (COVERING )?INDEX IX_Complaints_SubmittedAt", plans[1]);
    }

    /// <summary>The query plans of the statements on the report table that the list ran for a manager, in their order.</summary>
    private async Task<List<string>> PlansAsync(StaffListQuery query)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var list = scope.ServiceProvider.GetRequiredService<StaffComplaintList>();
        var v = new Validation(scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>());
        var manager = new StaffMember("plan-test", "Plan Test", new HashSet<string> { Roles.Manager }, null, null);

        var (page, commands) = await CommandRecorder.RecordAsync(() => list.FindAsync(manager, query, v, CancellationToken.None));
        Assert.True(page is not null, string.Join("; ", v.Errors.Select(e => e.Key)));

        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        var plans = new List<string>();
        foreach (var recorded in commands.Where(c => c.Text.Contains("FROM \"Complaints\" AS \"c\"", StringComparison.Ordinal)))
        {
            plans.Add(await QueryPlans.ExplainAsync(db, recorded));
        }

        return plans;
    }
}
