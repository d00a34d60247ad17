using Aduan.Complaints;
using Aduan.Data;
using Aduan.Tests.Support;
using Aduan.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Triage;

/// <summary>
/// The duplicate search's reads of a kecamatan's month come from one index alone, on the provider the suite runs on: on
/// PostgreSQL that index did not hold the id, and the planner walked the whole city's month by SubmittedAt instead
/// (35 to 50 ms at a million reports; 2 ms from the index alone). Plans, not timings: speed is in bench/.
/// </summary>
public sealed class DuplicateSearchPlanTests : IAsyncLifetime
{
    private const string KecamatanIndex = "IX_Complaints_Location_Kecamatan_SubmittedAt_Status_CategoryId_";

    private readonly AduanFactory _app = AduanFactory.With(s => s.AddSingleton<IInterceptor, CommandRecorder>());

    public async Task InitializeAsync() =>
        await _app.CreateClient().SubmitAsync(TestApi.Report("Aspal rusak parah dekat pertigaan.", "JALAN",
            location: new { address = "Jl. Margahayu", kecamatan = "Bekasi Timur" }));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task NoPin_TheKecamatansMonth_IsReadFromItsIndexAlone()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        var search = scope.ServiceProvider.GetRequiredService<DuplicateSearch>();
        var query = new DuplicateQuery(null, "Aspal rusak parah dekat pertigaan.", null, new ComplaintLocation(null, null, null, "Bekasi Timur"),
            _app.Time.GetUtcNow());

        var (found, commands) = await CommandRecorder.RecordAsync(() => search.FindAsync(query, 10, default));
        var area = Assert.Single(commands, c => c.Text.Contains("\"Location_Kecamatan\" = ", StringComparison.Ordinal));

        Assert.Single(found);
        if (db.Database.IsNpgsql())
        {
            // A test table is small enough to scan: the planner is told not to, and the visibility map is set, as on a
            // table autovacuum keeps. What is left to choose is whether the index alone answers.
            await db.Database.ExecuteSqlRawAsync("VACUUM \"Complaints\"");
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off; SET enable_bitmapscan = off");
            Assert.Contains($"Index Only Scan using \"{KecamatanIndex}\"", await QueryPlans.ExplainAsync(db, area), StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains($"USING COVERING INDEX {KecamatanIndex}Privacy", await QueryPlans.ExplainAsync(db, area), StringComparison.Ordinal);
        }
    }
}
