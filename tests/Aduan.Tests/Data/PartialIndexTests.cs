using Aduan.Complaints;
using Aduan.Data;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Data;

/// <summary>
/// Intake writes a new report into every index on Complaints that holds it, and each one costs the single writer
/// pages. An index over a column a new report leaves empty holds only the reports with a value (<c>IS NOT NULL</c>),
/// and the queries that read it still find it, on the provider the suite runs on. Plans, not timings: speed is in bench/.
/// </summary>
public sealed class PartialIndexTests : IAsyncLifetime
{
    /// <summary>Indexes read for the empty value, so they must hold it, with the query that does.</summary>
    private static readonly Dictionary<string, string> ReadForTheEmptyValue = new(StringComparer.Ordinal)
    {
        ["IX_Complaints_OmbudsmanFlaggedAt_ClosedAt_OmbudsmanDueAt"] = "EscalationSweep: unflagged open reports by due instant",
        ["IX_Complaints_ContactErasedAt_ClosedAt"] = "ContactRetentionSweep: closed reports whose contact is still held",
        ["IX_Complaints_LeadAgencyId_Status_SubmittedAt"] = "FigureFilter: unassigned=true, the reports with no agency yet",
        ["IX_Complaints_Location_Kecamatan_SubmittedAt_Status_CategoryId_Privacy"] = "FigureFilter: kecamatan=-, the reports without one",
    };

    private readonly AduanFactory _app = new();
    private string _code = "";

    public async Task InitializeAsync() =>
        _code = (await _app.CreateClient().SubmitAsync(TestApi.Report("Lampu jalan mati sejak seminggu di gang kami.", null, "Anonymous",
            reporter: new { }, location: new { kecamatan = "Bekasi Timur" }))).TrackingCode;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task EveryIndexLeadingWithAColumnANewReportLeavesEmpty_HoldsOnlyTheFilledOnes()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        var indexes = await IndexesAsync(db);
        Assert.Contains(indexes, i => i.Name == "IX_Complaints_Reporter_Phone" && i.Partial); // the query below found them

        var empty = new List<string>();
        foreach (var (name, partial, column) in indexes)
        {
            // The column's name comes from the catalog, not from input.
            var sql = "SELECT \"" + column + "\" IS NULL AS \"Value\" FROM \"Complaints\" WHERE \"TrackingCode\" = {0}";
            var isNull = await db.Database.SqlQueryRaw<bool>(sql, _code).SingleAsync();
            if (isNull && !partial && !ReadForTheEmptyValue.Keys.Any(k => Names(k, name)))
            {
                empty.Add($"{name} ({column})");
            }
        }

        Assert.True(empty.Count == 0, "Indexes every new report enters with an empty leading column; make them partial "
            + "(ComplaintConfiguration.NotNull) or, if a query reads the empty value, list it here: " + string.Join(", ", empty));
        Assert.All(ReadForTheEmptyValue.Keys, name => Assert.False(indexes.Single(i => Names(name, i.Name)).Partial, name));
    }

    public static TheoryData<string> Reads => new(Queries.Keys);

    private static readonly List<long?> Cells = [1, 2, 3];

    /// <summary>The queries that read each partial index, in the shape the app writes them (the file named).</summary>
    private static readonly Dictionary<string, Func<AduanDbContext, IQueryable<object>>> Queries = new(StringComparer.Ordinal)
    {
        // SimilarReports, PersonalDataRequests: a reporter's reports.
        ["IX_Complaints_Reporter_Phone"] = db => db.Complaints.Where(c => c.Reporter.Phone == "+6281234567890").Select(c => (object)c.Id),
        ["IX_Complaints_Reporter_Email"] = db => db.Complaints.Where(c => c.Reporter.Email == "siti@contoh.id").Select(c => (object)c.Id),
        // ReportImport: which of a chunk of keys are stored.
        ["IX_Complaints_ImportKey"] = db => db.Complaints.Where(c => new[] { "a", "b" }.AsEnumerable().Contains(c.ImportKey))
            .Select(c => (object)c.ImportKey!),
        // ExternalIds, FederationPoller.
        ["IX_Complaints_ExternalSource_ExternalId"] = db => db.Complaints.Where(c => c.ExternalSource == "app-1" && c.ExternalId == "x-1")
            .Select(c => (object)c.TrackingCode),
        ["IX_Complaints_RemotePeer_RemoteId"] = db => db.Complaints.Where(c => c.RemotePeer == "kab" && c.RemoteId == "r-1").Select(c => (object)c.Id),
        // DuplicateSearch: a few map cells of a period.
        ["IX_Complaints_MapCell_SubmittedAt"] = db => db.Complaints
            .Where(c => EF.Constant(Cells).Contains(c.MapCell) && c.SubmittedAt > DateTimeOffset.UnixEpoch)
            .Select(c => (object)c.Id),
        // StaffComplaintList: category=…
        ["IX_Complaints_CategoryId_SubmittedAt"] = db => db.Complaints.Where(c => c.CategoryId == 3)
            .OrderByDescending(c => c.SubmittedAt).Select(c => (object)c.Id),
        ["IX_Complaints_MergedIntoId"] = db => db.Complaints.Where(c => c.MergedIntoId == 7).Select(c => (object)c.Id),
        // StaffComplaintList: flag=ombudsman, its count.
        ["IX_Complaints_OmbudsmanFlaggedAt_IsImported_LeadAgencyId"] = db => db.Complaints.Where(c => c.OmbudsmanFlaggedAt != null)
            .Select(c => (object)c.Id),
        // FigureFilter: followed up in a period; deadlines missed in a period.
        ["IX_Complaints_FollowedUpAt_IsImported_LeadAgencyId"] = db => db.Complaints
            .Where(c => c.FollowedUpAt >= DateTimeOffset.UnixEpoch && c.FollowedUpAt < DateTimeOffset.MaxValue && !c.IsImported)
            .Select(c => (object)c.LeadAgencyId!),
        ["IX_Complaints_ResolutionDueAt_IsImported_LeadAgencyId_FollowedUpAt"] = db => db.Complaints
            .Where(c => c.ResolutionDueAt >= DateTimeOffset.UnixEpoch && c.ResolutionDueAt < DateTimeOffset.MaxValue
                && (c.FollowedUpAt == null || c.FollowedUpAt > c.ResolutionDueAt))
            .Select(c => (object)c.Id),
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task APartialIndex_IsStillReadByItsQuery(string index)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        var (name, partial, _) = (await IndexesAsync(db)).Single(i => Names(index, i.Name));
        Assert.True(partial, index + " is not partial");

        if (db.Database.IsNpgsql())
        {
            // A test table is small enough to scan: the planner is told not to, so it takes an index it can prove usable.
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off");
        }

        var plan = await QueryPlans.ExplainAsync(db, Queries[index](db));
        Assert.Contains(name, plan, StringComparison.Ordinal);
    }

    /// <summary>
    /// Whether a catalog's name is the index's: PostgreSQL's names have at most 63 bytes, so EF Core's migrations cut a
    /// longer one to 62 and a <c>~</c>, and PostgreSQL itself cuts one created by SQL in a migration to 63.
    /// </summary>
    private static bool Names(string index, string catalog) =>
        catalog == index || (index.Length > 63 && (catalog == index[..62] + "~" || catalog == index[..63]));

    private static async Task<List<(string Name, bool Partial, string Column)>> IndexesAsync(AduanDbContext db)
    {
        var sql = db.Database.IsNpgsql()
            ? """
              SELECT i.relname AS "Name", x.indpred IS NOT NULL AS "Partial", a.attname AS "Column"
              FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
              JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
              WHERE t.relname = 'Complaints' AND t.relnamespace = current_schema()::regnamespace
              """
            : """
              SELECT l.name AS "Name", l.partial = 1 AS "Partial", c.name AS "Column"
              FROM pragma_index_list('Complaints') l JOIN pragma_index_info(l.name) c ON c.seqno = 0
              """;
        return (await db.Database.SqlQueryRaw<IndexRow>(sql).ToListAsync()).Select(r => (r.Name, r.Partial, r.Column)).ToList();
    }

    private sealed record IndexRow(string Name, bool Partial, string Column);
}
