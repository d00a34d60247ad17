using Aduan.BrowserTests.Support;
using Aduan.Identity;
using Aduan.Tests.Support;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Aduan.BrowserTests;

/// <summary>
/// Every public and staff page, as the public and as each role, with reports whose long texts, long
/// agency names and unbroken addresses would push a careless layout sideways: nothing is wider than a
/// 360 px phone, and axe-core finds nothing serious or critical (WCAG 2.1 AA) at 360 and 1280 px.
/// One browser context per role and width walks its pages.
/// </summary>
public sealed class EveryPageTests(BrowserApp app) : BrowserTest(app)
{
    private static readonly string[] Blocking = ["serious", "critical"];

    /// <summary>All of axe's rules, but only violations come back: the passes' report is most of a run's time.</summary>
    private static readonly AxeRunOptions ViolationsOnly = new() { ResultTypes = [ResultType.Violations] };

    [Fact]
    public async Task EveryPage_PhoneWidth_NothingWiderThanTheScreen()
    {
        var failures = new List<string>();
        foreach (var (user, paths) in await PagesAsync())
        {
            await VisitAsync(user, paths, phone: true, async (page, path) =>
            {
                if ((user, path) is (null, "/laporan") or ({ Role: Roles.Urc }, "/staff/urc"))
                {
                    await ScreenshotAsync(page, path is "/laporan" ? "laporan-phone" : "staff-urc-phone");
                }

                var width = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
                if (width > PhoneWidth)
                {
                    var widest = await page.EvaluateAsync<string[]>(WidestElements, PhoneWidth);
                    failures.Add($"{Who(user)} {path} is {width} px wide: {string.Join(", ", widest)}");
                }
            }, failures);
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task EveryPage_PhoneAndDesktop_NoSeriousOrCriticalAxeViolations()
    {
        var failures = new List<string>();
        foreach (var (user, paths) in await PagesAsync())
        {
            foreach (var phone in new[] { true, false })
            {
                await VisitAsync(user, paths, phone, async (page, path) =>
                {
                    var result = await page.RunAxe(ViolationsOnly);
                    foreach (var violation in result.Violations.Where(v => Blocking.Contains(v.Impact)))
                    {
                        var nodes = violation.Nodes.Take(5).Select(n => $"{n.Target} {n.Html}");
                        failures.Add($"{Who(user)} {path} at {(phone ? PhoneWidth : 1280)} px: {violation.Id} ({violation.Impact}) " +
                            $"{violation.Help}\n    {string.Join("\n    ", nodes)}");
                    }
                }, failures);
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>The elements that stick out of the phone's width and are not clipped by a scrolling box, widest first: what to fix.</summary>
    private const string WidestElements = """
        (limit) => [...document.querySelectorAll('body *')]
          .map(e => [e, e.getBoundingClientRect().right])
          .filter(([e, right]) => {
            if (right <= limit + 0.5) return false;
            for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
              if (getComputedStyle(a).overflowX !== 'visible') return false;
            }
            return true;
          })
          .sort((a, b) => b[1] - a[1]).slice(0, 6)
          .map(([e, right]) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\s+/).join('.') : ''} (${Math.round(right)} px)`)
        """;

    private static string Who(StaffLogin? user) => user is null ? "public" : user.UserName;

    /// <summary>One context for the user at the width; each page must answer 200 before <paramref name="check"/> runs on it.</summary>
    private async Task VisitAsync(StaffLogin? user, IReadOnlyList<string> paths, bool phone, Func<IPage, string, Task> check, List<string> failures)
    {
        async Task WalkAsync(IPage page)
        {
            foreach (var path in paths)
            {
                var response = await page.GotoAsync(path);
                if (response?.Status != 200)
                {
                    failures.Add($"{Who(user)} {path} answered {response?.Status}");
                    continue;
                }

                await check(page, path);
            }
        }

        var test = $"{nameof(EveryPageTests)}-{Who(user)}-{(phone ? "phone" : "wide")}";
        await (user is null ? InPageAsync(WalkAsync, phone, test) : AsAsync(user, WalkAsync, phone, test));
    }

    /// <summary>The pages of each visitor, with the reports they show created once for both tests.</summary>
    private async Task<IReadOnlyList<(StaffLogin? User, string[] Paths)>> PagesAsync()
    {
        if (!App.Seeded.TryGetValue(nameof(EveryPageTests), out var seeded))
        {
            seeded = await SeedAsync();
            App.Seeded[nameof(EveryPageTests)] = seeded;
        }

        var (published, urgent, health, waiting) = ((string, string, string, string))seeded;
        return
        [
            (null, ["/", "/lapor", "/lacak", $"/lacak/{published}", "/laporan", "/laporan?peta=1", $"/laporan/{published}", "/instansi/DPMPTSP",
                "/instansi/DPMPTSP/widget", "/statistik", SignInPath]),
            (BrowserApp.Operator, ["/staff", "/staff/callcenter", "/staff/reports", $"/staff/reports/{published}", "/staff/account",
                "/staff/account/notifications"]),
            (BrowserApp.DeskManager, ["/staff", "/staff/desk", $"/staff/reports/{waiting}", "/staff/reports?q=Narogong", "/staff/privacy",
                "/staff/account/authenticator", "/staff/dasbor", "/staff/dasbor?periode=bulan-lalu", "/staff/dasbor/instansi/DPMPTSP",
                "/staff/reports?open=true&age=0-3&asal=baru&followedup=true", "/staff/reports?imported=true", "/staff/reports?flag=ombudsman"]),
            (BrowserApp.Leader, ["/staff", "/staff/dasbor", "/staff/dasbor?periode=rentang&from=2026-13-01&to=x", "/staff/dasbor/instansi/DINKES"]),
            (BrowserApp.Head, ["/staff", "/staff/dasbor", "/staff/dasbor/instansi/DINKES"]),
            (BrowserApp.Officer, ["/staff", "/staff/queue", $"/staff/reports/{health}", "/staff/reports"]),
            (BrowserApp.UrcOfficer, ["/staff", "/staff/urc", $"/staff/reports/{urgent}"]),
            (BrowserApp.Admin, ["/admin", "/admin/agencies", "/admin/agencies/edit/DPMPTSP", "/admin/agencies/edit", "/admin/categories",
                "/admin/categories/edit/PERIZINAN", "/admin/users", "/admin/users/new", "/admin/holidays", "/admin/import", "/admin/messages",
                "/admin/notifications", "/admin/summaries", "/admin/audit", "/admin/apikeys", "/staff/privacy"]),
        ];
    }

    /// <summary>
    /// A published report with a long text, an unbroken address and the longest agency names; an urgent
    /// one on the fire brigade's URC board; one in DINKES's queue; one waiting on the desk.
    /// </summary>
    private async Task<(string, string, string, string)> SeedAsync()
    {
        var published = await SubmitThroughApiAsync(TestApi.Report(
            "Permohonan izin usaha kami di Mal Pelayanan Publik belum diproses sejak tiga bulan lalu walaupun semua berkas sudah lengkap; " +
            "petugas meminta kami mengecek https://layanan.bekasikota.go.id/perizinan/permohonan/status?nomor=503-PBG-2026-000123456 setiap hari.",
            category: "PERIZINAN",
            location: new { address = "Ruko Sentra Niaga Kalimalang Blok A-12 No. 7, Jl. Jenderal Ahmad Yani (sebelah Bank Pembangunan Daerah)", kecamatan = "Medan Satria" }));
        await VerifyAsync(published, "PERIZINAN", "DPMPTSP");

        var urgent = await SubmitThroughApiAsync(TestApi.Report(
            "Kebakaran gudang plastik di Jl. Pramuka, asap hitam tebal mengarah ke permukiman dan sekolah dasar.", category: "KEBAKARAN",
            location: new { address = "Jl. Pramuka No. 45", kecamatan = "Rawalumbu" }));
        await VerifyAsync(urgent, "KEBAKARAN", "DAMKAR", urgent: true);

        var health = await SubmitThroughApiAsync(TestApi.Report(
            "Puskesmas Pembantu Kaliabang Tengah tutup pada jam layanan dan tidak ada pengumuman apa pun.", category: "KESEHATAN",
            location: new { address = "Jl. Kaliabang Tengah", kecamatan = "Bekasi Utara" }));
        await VerifyAsync(health, "KESEHATAN", "DINKES");

        var waiting = await SubmitThroughApiAsync(TestApi.Report(
            "Penerangan jalan umum di sepanjang Jalan Raya Narogong kilometer tujuh padam total sejak minggu lalu.", category: "PJU",
            location: new { address = "Jl. Raya Narogong KM 7", kecamatan = "Mustika Jaya" }));

        // An open report of last year's spreadsheet, for an agency no test user works in: the manager's list offers to take it over.
        var csv = Path.Combine(Path.GetTempPath(), $"aduan-import-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, "submitted_at,channel,category,agency,text,status,dispatched_at,followed_up_at,resolved_at,follow_up,kecamatan\n" +
            "10/11/2025 09:00,CallCenter,SAMPAH,DLH,\"Sampah menumpuk di pinggir Kali Bekasi dekat jembatan, belum diangkut dua minggu.\",Dispatched,10/11/2025 10:00,,,,Bekasi Timur\n");
        try
        {
            await App.CliAsync("import", "reports", csv);
        }
        finally
        {
            File.Delete(csv);
        }

        return (published, urgent, health, waiting);
    }
}
