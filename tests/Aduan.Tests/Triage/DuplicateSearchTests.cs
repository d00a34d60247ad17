using Aduan.Complaints;
using Aduan.Data;
using Aduan.Identity;
using Aduan.Tests.Support;
using Aduan.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Triage;

/// <summary>The one duplicate search, over real reports in a real database.</summary>
public sealed class DuplicateSearchTests : IAsyncLifetime
{
    private static readonly object Margahayu = new { address = "Jl. Margahayu", kecamatan = "Bekasi Timur", lat = -6.2441, lng = 107.0104 };
    private static readonly object NextStreet = new { address = "Jl. Margahayu Raya", kecamatan = "Bekasi Timur", lat = -6.2450, lng = 107.0110 };

    private readonly AduanFactory _app = new();
    private HttpClient _manager = null!;

    public async Task InitializeAsync() => _manager = await _app.StaffClientAsync(Roles.Manager);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<string> ReportAsync(string text, string category, object location, string privacy = "Public", bool dispatch = true)
    {
        var code = (await _app.CreateClient().SubmitAsync(TestApi.Report(text, category, privacy, location: location))).TrackingCode;
        if (dispatch)
        {
            await _manager.ActOkAsync(code, new { action = "dispatch" });
        }

        return code;
    }

    private async Task<IReadOnlyList<DuplicateCandidate>> FindAsync(string text, string? category, bool publishedOnly = false, double? lat = -6.2443, double? lng = 107.0106)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        long? categoryId = category is null ? null : await db.Categories.Where(c => c.Code == category).Select(c => c.Id).SingleAsync();
        return await scope.ServiceProvider.GetRequiredService<DuplicateSearch>().FindAsync(new DuplicateQuery(null, text, categoryId,
            new ComplaintLocation(null, lat, lng, "Bekasi Timur"), _app.Time.GetUtcNow(), PublishedOnly: publishedOnly), 10, default);
    }

    [Fact]
    public async Task Find_SameProblemReworded_RanksItFirstAndLeavesTheUnrelatedOut()
    {
        var pothole = await ReportAsync("Jalan Margahayu berlubang besar, motor sering jatuh di depan sekolah.", "JALAN", Margahayu);
        var rubbish = await ReportAsync("Petugas puskesmas tidak ramah dan antrean obat lama sekali.", "KESEHATAN", NextStreet);

        // Words shuffled, one misspelt, informal forms, and no category chosen.
        var found = await FindAsync("di depan sekolah motor sering jatoh, jln margahayu brlubang besar", null);

        Assert.Equal(pothole, found[0].TrackingCode);
        Assert.True(found[0].TextSimilarity > 0.5, $"similarity {found[0].TextSimilarity}");
        Assert.DoesNotContain(found, f => f.TrackingCode == rubbish);
    }

    [Fact]
    public async Task Find_SameCategoryNearby_IsACandidateEvenWorded_Differently()
    {
        var pothole = await ReportAsync("Aspal rusak parah dekat pertigaan.", "JALAN", NextStreet);

        var found = await FindAsync("Ada lubang besar di jalan, bahaya untuk pengendara.", "JALAN");

        var only = Assert.Single(found);
        Assert.Equal(pothole, only.TrackingCode);
        Assert.NotNull(only.DistanceMeters);
        Assert.True(only.DistanceMeters < 500);
    }

    [Fact]
    public async Task Find_SameCategoryAcrossAMapCellBorder_IsACandidate()
    {
        // About 330 m apart, south-west across both borders of the query's map cell.
        var pothole = await ReportAsync("Aspal rusak parah dekat pertigaan.", "JALAN",
            new { address = "Jl. Cut Meutia", kecamatan = "Bekasi Timur", lat = -6.2471, lng = 107.0079 });
        Assert.NotEqual(ComplaintLocation.CellOf(-6.2449, 107.0101), ComplaintLocation.CellOf(-6.2471, 107.0079));
        Assert.NotEqual(ComplaintLocation.CellRow(-6.2449), ComplaintLocation.CellRow(-6.2471));
        Assert.NotEqual(ComplaintLocation.CellColumn(107.0101), ComplaintLocation.CellColumn(107.0079));

        var found = await FindAsync("Ada lubang besar di jalan, bahaya untuk pengendara.", "JALAN", lat: -6.2449, lng: 107.0101);

        Assert.Equal(pothole, Assert.Single(found).TrackingCode);
        Assert.InRange(found[0].DistanceMeters!.Value, 250, 400);
    }

    [Fact]
    public async Task Find_NoPin_ListsTheSameCategoryInTheKecamatanOnly()
    {
        var here = await ReportAsync("Aspal rusak parah dekat pertigaan.", "JALAN", new { address = "Jl. Margahayu", kecamatan = "Bekasi Timur" });
        await ReportAsync("Trotoar amblas di depan ruko.", "JALAN", new { address = "Jl. Ahmad Yani", kecamatan = "Bekasi Selatan" });

        var found = await FindAsync("Ada lubang besar di jalan, bahaya untuk pengendara.", "JALAN", lat: null, lng: null);

        Assert.Equal(here, Assert.Single(found).TrackingCode);
        Assert.Null(found[0].DistanceMeters);
    }

    [Fact]
    public async Task Find_ForCitizens_NeverConfidentialOrUnverifiedReports()
    {
        var text = "Jalan Margahayu berlubang besar, motor sering jatuh di depan sekolah.";
        var confidential = await ReportAsync(text, "JALAN", Margahayu, privacy: "Confidential");
        var unverified = await ReportAsync(text, "JALAN", Margahayu, dispatch: false);
        var published = await ReportAsync(text, "JALAN", Margahayu);

        var forCitizen = await FindAsync(text, "JALAN", publishedOnly: true);
        var forStaff = await FindAsync(text, "JALAN");

        Assert.Equal([published], forCitizen.Select(f => f.TrackingCode));
        Assert.Equal(new[] { confidential, unverified, published }.Order(), forStaff.Select(f => f.TrackingCode).Order());
    }

    private static readonly object FarAway = new { address = "Jl. Narogong", kecamatan = "Bantar Gebang", lat = -6.3150, lng = 107.0000 };

    [Fact]
    public async Task Find_ElsewhereInTheCity_ByItsLongestWordsWhole()
    {
        // Another kecamatan and another category: only the text search can find these.
        var same = await ReportAsync("Gorong-gorong Kaliabang tersumbat sampah plastik.", "BANJIR", FarAway);
        var longer = await ReportAsync("Gorong-gorong Kaliabangnya tersumbat sampah plastik.", "BANJIR", FarAway);

        // The two longest words are read whole: the second report has "kaliabang" only inside a longer word. (FTS5
        // reads a prefix by merging the lists of every word it begins, before the period's range can cut them.)
        var found = await FindAsync("Kaliabang tersumbat", "JALAN");

        Assert.Contains(found, f => f.TrackingCode == same);
        Assert.DoesNotContain(found, f => f.TrackingCode == longer);
    }

    [Fact]
    public async Task Find_ElsewhereInTheCity_ByTheRarestWordTheEngineCounted()
    {
        // Thirty reports say "diperbaiki secepatnya", two "kartini": after ANALYZE, PostgreSQL's statistics say so, and the
        // search asks the index for "kartini" and checks "diperbaiki" on its matches, which finds the lamp report. SQLite
        // keeps no such statistics and asks for the two longest words, "diperbaiki secepatnya", which the lamp report
        // lacks (it is another category, far away: only the text search can find it).
        var many = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            many.Add(await ReportAsync($"Mohon segera diperbaiki secepatnya, laporan ke-{i} dari warga RW 0{i % 9}.", "SAMPAH", FarAway,
                dispatch: false));
        }

        var lamp = await ReportAsync("Lampu Kartini padam, mohon segera diperbaiki.", "PJU", FarAway, dispatch: false);
        var park = await ReportAsync("Taman Kartini kotor dan gelap.", "SAMPAH", FarAway, dispatch: false);
        await _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(AduanFactory.OnPostgres ? "ANALYZE \"Complaints\"" : "ANALYZE"));
        const string text = "Kartini: mohon segera diperbaiki secepatnya";

        var common = await _app.WithDbAsync(db => ComplaintSearch.CommonWordsAsync(db, publicTexts: false, default));
        var found = await FindAsync(text, "JALAN");

        if (AduanFactory.OnPostgres)
        {
            Assert.InRange(common["diperbaiki"], 0.9, 1.0);
            Assert.True(common.GetValueOrDefault("kartini") < 0.1, "kartini is in two reports of 32");
            Assert.Equal(["kartini", "diperbaiki"], DuplicateSearch.SearchWords(text, common));
            Assert.Contains(found, f => f.TrackingCode == lamp);
        }
        else
        {
            Assert.Empty(common);
            Assert.Equal(["diperbaiki", "secepatnya"], DuplicateSearch.SearchWords(text, common));
            Assert.DoesNotContain(found, f => f.TrackingCode == lamp);
        }

        // Both words must be there: on PostgreSQL the second one is checked on the rows, not read from the index.
        var matching = await _app.WithDbAsync(async db => await (await ComplaintSearch.NewestMatchingAsync(db, "kartini diperbaiki", false,
            _app.Time.GetUtcNow().AddDays(-1), _app.Time.GetUtcNow(), 100, default)).Select(c => c.TrackingCode).ToListAsync());
        Assert.Equal([lamp], matching);
        Assert.DoesNotContain(park, matching);

        // A word in no report (a typo) is the rarest of all; it finds nothing, and the two longest words are asked instead.
        var typo = await FindAsync("Kartiniku: mohon segera diperbaiki secepatnya", "JALAN");
        Assert.Contains(typo, f => many.Contains(f.TrackingCode));
    }

    [Fact]
    public async Task Find_ElsewhereInTheCity_AnExactCopyInInformalSpelling()
    {
        // "gorong2" is one of the two longest words; the similarity reads it as "gorong", the index holds it as written.
        var text = "Saluran gorong2 Kaliabang mampet total!!!";
        var copy = await ReportAsync(text, "BANJIR", FarAway);

        var found = await FindAsync(text, "JALAN");

        Assert.Equal(copy, Assert.Single(found).TrackingCode);
    }

    [Fact]
    public async Task Find_SharedNikOnly_IsNotSimilar()
    {
        await ReportAsync("Lampu jalan padam di Gang Kenanga, NIK saya 3275012345670001.", "PJU", Margahayu);

        var found = await FindAsync("NIK 3275012345670001 3275012345670001", "KEPENDUDUKAN");

        Assert.Empty(found);
    }

    [Fact]
    public async Task Desk_Duplicate_ShowsScoreAndMergesInOneClick()
    {
        var first = await ReportAsync("Sampah menumpuk di TPS Margahayu, sudah seminggu tidak diangkut.", "SAMPAH", Margahayu);
        var second = await ReportAsync("TPS margahayu sampahnya numpuk, gak diangkut seminggu", "SAMPAH", NextStreet, dispatch: false);
        using var desk = await PageClient.SignedInAsync(_app, Roles.Manager);
        var page = await desk.GetAsync("/staff/reports/" + second);
        var item = page.QuerySelector($"[data-testid=duplicate-{first}]")!;
        Assert.Matches(@"skor 0\.\d\d", item.QuerySelector("[data-testid=score]")!.TextContent);

        await desk.SubmitAsync(page, $"[data-testid=duplicate-{first}] form", []);

        var merged = await _app.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == second).Select(c => new { c.Status, c.MergedIntoId }).SingleAsync());
        Assert.Equal(ComplaintStatus.Merged, merged.Status);
        Assert.Equal(await _app.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == first).Select(c => c.Id).SingleAsync()), merged.MergedIntoId);
    }

    [Fact]
    public async Task CallCenter_RecordedCall_ShowsPublishedSimilarReportsOnly()
    {
        var published = await ReportAsync("Lampu penerangan jalan di Gang Kenanga mati total, gelap.", "PJU", Margahayu);
        var confidential = await ReportAsync("Lampu penerangan jalan di Gang Kenanga mati total, gelap.", "PJU", Margahayu, privacy: "Confidential");
        using var op = await PageClient.SignedInAsync(_app, Roles.Operator);
        var page = await op.GetAsync("/staff/callcenter");

        page = await op.SubmitAsync(page, "#record-call", new()
        {
            ["Call.Phone"] = "0812 5555 6666", ["Call.Text"] = "gang kenanga gelap, lampu jalannya mati", ["Call.Kecamatan"] = "Bekasi Timur",
        });

        var similar = page.QuerySelector("[data-testid=call-similar]")!.TextContent;
        Assert.Contains(published, similar, StringComparison.Ordinal);
        Assert.DoesNotContain(confidential, similar, StringComparison.Ordinal);
    }
}
