using System.Globalization;
using Aduan.Complaints;
using Aduan.Identity;
using Aduan.Tests.Importing;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Supervision;

/// <summary>
/// A small June 2026 history, written through the API under the fake clock, whose figures are counted
/// by hand in the tests. Tue 2 June, 10:00 WIB (the factory's start):
/// <list type="bullet">
/// <item>A1 (JALAN, DBMSDA): dispatched; acknowledged Wed 3 (1 working day); followed up Thu 4 (2 wd); accepted with 4 stars Fri 5.</item>
/// <item>A2 (JALAN, DBMSDA): dispatched, never answered: late and overdue; flagged for the Ombudsman.</item>
/// <item>A3 (KESEHATAN, DINKES): dispatched; followed up Wed 3 (1 wd, its first response too); the reporter rejects it Thu 4
/// (reopened); followed up again Fri 5 (3 wd), within its 5-wd deadline; waits on the reporter since.</item>
/// <item>A4 (JALAN, Bekasi Barat): never dispatched: overdue at verification, no agency.</item>
/// <item>Two imported reports (June, DINKES): one resolved, one open; counted apart.</item>
/// </list>
/// The clock then stands at Wed 15 July 2026, 10:00 WIB.
/// </summary>
public sealed class SupervisionHistory : IAsyncLifetime
{
    public const string June = "periode=rentang&from=2026-06-01&to=2026-06-30";

    public AduanFactory Factory { get; } = new();

    public string A1 { get; private set; } = "";
    public string A2 { get; private set; } = "";
    public string A3 { get; private set; } = "";
    public string A4 { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var f = Factory;
        var client = f.CreateClient();
        var manager = await f.StaffClientAsync(Roles.Manager);

        // Access tokens expire as the fake clock runs: each day signs in anew.
        Task<HttpClient> Dbmsda() => f.StaffClientAsync(Roles.AgencyOfficer, "DBMSDA");
        Task<HttpClient> Dinkes() => f.StaffClientAsync(Roles.AgencyOfficer, "DINKES");

        var a1 = await client.SubmitAsync();
        var a2 = await client.SubmitAsync(TestApi.Report("Jalan di depan pasar Bantar Gebang berlubang dan tergenang air setiap hujan."));
        var a3 = await client.SubmitAsync(TestApi.Report("Puskesmas Bekasi Timur tutup pada jam pelayanan, warga tidak bisa berobat.", "KESEHATAN"));
        var a4 = await client.SubmitAsync(TestApi.Report("Jembatan kecil di Bekasi Barat retak dan miring sejak bulan lalu.",
            location: new { address = "Jl. Kenari", kecamatan = "Bekasi Barat", lat = -6.239, lng = 106.976 }));
        (A1, A2, A3, A4) = (a1.TrackingCode, a2.TrackingCode, a3.TrackingCode, a4.TrackingCode);
        await manager.ActOkAsync(A1, new { action = "dispatch" });
        await manager.ActOkAsync(A2, new { action = "dispatch" });
        await manager.ActOkAsync(A3, new { action = "dispatch", agency = "DINKES" });

        f.Time.Advance(TimeSpan.FromDays(1)); // Wed 3 June
        await (await Dbmsda()).ActOkAsync(A1, new { action = "acknowledge" });
        await (await Dinkes()).ActOkAsync(A3, new { action = "follow-up", text = "Jam pelayanan sudah dipulihkan.", final = true });

        f.Time.Advance(TimeSpan.FromDays(1)); // Thu 4 June
        await (await Dbmsda()).ActOkAsync(A1, new { action = "follow-up", text = "Lubang sudah ditambal.", final = true });
        var rejected = await client.PostAsReporterAsync($"/api/v1/complaints/{A3}/feedback", a3.ReporterKey,
            new { accepted = false, comment = "Masih tutup siang hari." });
        Assert.True(rejected.IsSuccessStatusCode, await rejected.Content.ReadAsStringAsync());

        f.Time.Advance(TimeSpan.FromDays(1)); // Fri 5 June
        var accepted = await client.PostAsReporterAsync($"/api/v1/complaints/{A1}/feedback", a1.ReporterKey, new { accepted = true, rating = 4 });
        Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
        await (await Dinkes()).ActOkAsync(A3, new { action = "follow-up", text = "Petugas jaga siang sudah ditambah.", final = true });

        f.Time.Advance(new DateTimeOffset(2026, 7, 15, 3, 0, 0, TimeSpan.Zero) - f.Time.GetUtcNow());
        var imported = await new PastReportsCsv()
            .Resolved(new DateTime(2026, 6, 8, 9, 0, 0, DateTimeKind.Unspecified), "DINKES")
            .Row("10/06/2026 09:00", "CallCenter", "KESEHATAN", "DINKES", "Dispatched", "10/06/2026 10:00")
            .ImportAsync(f);
        Assert.True(imported.Saved, string.Join("; ", imported.Rejected.Select(r => r.Reasons)));

        var flaggedAt = f.Time.GetUtcNow();
        await f.WithDbAsync(async db =>
        {
            // As the escalation sweep flags it: through the report, so its daily counts follow.
            (await db.Complaints.SingleAsync(c => c.TrackingCode == A2)).FlagForOmbudsman(flaggedAt);
            return await db.SaveChangesAsync();
        });
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }

    public static int Number(string text) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(text, @"\d[\d.,]*").Value.Replace(".", "", StringComparison.Ordinal)
            .Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
}
