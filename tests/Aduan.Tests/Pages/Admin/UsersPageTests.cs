using System.Net;
using Aduan.Identity;
using Aduan.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Pages.Admin;

public sealed class UsersPageTests : IAsyncLifetime
{
    private readonly AduanFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Create_AgencyOfficerForDinkes_UserCanSignIn()
    {
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);
        var form = await admin.GetAsync("/admin/users/new");

        var list = await admin.SubmitAsync(form, "[data-testid=user-form]", new()
        {
            ["UserName"] = "petugas-dinkes-baru", ["DisplayName"] = "Siti Petugas", ["Role"] = Roles.AgencyOfficer,
            ["Agency"] = "DINKES", ["Password"] = "Rahasia-Baru-123",
        });

        Assert.Equal("/admin/users", admin.Address!.AbsolutePath);
        Assert.Contains("Pengguna petugas-dinkes-baru dibuat", PageClient.Text(list), StringComparison.Ordinal);
        var row = list.QuerySelector("[data-testid=user-petugas-dinkes-baru]")!.TextContent;
        Assert.Contains("DINKES", row, StringComparison.Ordinal);
        using var officer = PageClient.For(_app);
        var home = await officer.SignInAsync("petugas-dinkes-baru", "Rahasia-Baru-123");
        Assert.Equal("/staff", officer.Address!.AbsolutePath);
        Assert.Contains("Siti Petugas · DINKES", PageClient.Text(home), StringComparison.Ordinal);
        Assert.True(await _app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "user.create" && e.Subject == "petugas-dinkes-baru")));
    }

    [Fact]
    public async Task Create_AgencyRoleWithoutAgency_ShowsMessageBesideAgencyAndCreatesNobody()
    {
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);
        var form = await admin.GetAsync("/admin/users/new");

        var page = await admin.SubmitAsync(form, "[data-testid=user-form]", new()
        {
            ["UserName"] = "tanpa-opd", ["DisplayName"] = "Tanpa OPD", ["Role"] = Roles.Urc, ["Agency"] = "", ["Password"] = "Rahasia-Baru-123",
        });

        Assert.Equal(HttpStatusCode.OK, admin.Status);
        Assert.Contains("terikat pada satu instansi", page.QuerySelector("[data-valmsg-for=Agency]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("tanpa-opd", ((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("#UserName")!).Value);
        Assert.False(await _app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "tanpa-opd")));
    }

    [Fact]
    public async Task Create_CityWideRoleWithAgency_IsRefused()
    {
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);
        var form = await admin.GetAsync("/admin/users/new");

        var page = await admin.SubmitAsync(form, "[data-testid=user-form]", new()
        {
            ["UserName"] = "manajer-opd", ["DisplayName"] = "Manajer", ["Role"] = Roles.Manager, ["Agency"] = "DINKES", ["Password"] = "Rahasia-Baru-123",
        });

        Assert.Contains("seluruh kota", page.QuerySelector("[data-valmsg-for=Agency]")!.TextContent, StringComparison.Ordinal);
        Assert.False(await _app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "manajer-opd")));
    }

    [Fact]
    public async Task Disable_SignedInUser_LosesAccessOnNextPageLoad()
    {
        using var officer = await PageClient.SignedInAsync(_app, Roles.AgencyOfficer, "DINKES", userName: "akan-pindah");
        await officer.GetAsync("/staff");
        Assert.Equal("/staff", officer.Address!.AbsolutePath);
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);

        var page = await admin.SubmitAsync(await admin.GetAsync(await EditPathAsync("akan-pindah")), "form[action*=Disable]", []);

        Assert.Contains("Pengguna akan-pindah dinonaktifkan", PageClient.Text(page), StringComparison.Ordinal);
        Assert.Equal("Dinonaktifkan", page.QuerySelector("[data-testid=status]")!.TextContent);
        await officer.GetAsync("/staff");
        Assert.Equal("/staff/account/signin", officer.Address!.AbsolutePath);
        await officer.SignInAsync("akan-pindah");
        Assert.Equal("/staff/account/signin", officer.Address!.AbsolutePath);
        Assert.True(await _app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "user.disable" && e.Subject == "akan-pindah")));

        page = await admin.SubmitAsync(await admin.GetAsync(await EditPathAsync("akan-pindah")), "form[action*=Enable]", []);
        Assert.Equal("Aktif", page.QuerySelector("[data-testid=status]")!.TextContent);
        await officer.SignInAsync("akan-pindah");
        Assert.Equal("/staff", officer.Address!.AbsolutePath);
    }

    [Fact]
    public async Task Edit_OwnAccount_OffersNoDisableButton()
    {
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin, userName: "admin-sendiri");

        var page = await admin.GetAsync(await EditPathAsync("admin-sendiri"));

        Assert.Null(page.QuerySelector("form[action*=Disable]"));
        Assert.NotNull(page.QuerySelector("form[action*=ResetSecondFactor]"));
    }

    [Fact]
    public async Task ResetSecondFactor_EnrolledUser_TurnsItOffAndChangesTheKey()
    {
        await _app.CreateUserAsync(Roles.Manager, userName: "hp-hilang");
        var oldKey = await WithUsersAsync(async users =>
        {
            var user = (await users.FindByNameAsync("hp-hilang"))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            return await users.GetAuthenticatorKeyAsync(user);
        });
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);

        var page = await admin.SubmitAsync(await admin.GetAsync(await EditPathAsync("hp-hilang")), "form[action*=ResetSecondFactor]", []);

        Assert.Contains("Verifikasi dua langkah hp-hilang diatur ulang", PageClient.Text(page), StringComparison.Ordinal);
        Assert.Equal("Tidak", page.QuerySelector("[data-testid=second-factor]")!.TextContent);
        var (enabled, key) = await WithUsersAsync(async users =>
        {
            var user = (await users.FindByNameAsync("hp-hilang"))!;
            return (await users.GetTwoFactorEnabledAsync(user), await users.GetAuthenticatorKeyAsync(user));
        });
        Assert.False(enabled);
        Assert.NotEqual(oldKey, key);
        Assert.True(await _app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "user.2fa.reset" && e.Subject == "hp-hilang")));
    }

    [Fact]
    public async Task Edit_RoleAndAgency_ChangesWhatTheUserIs()
    {
        await _app.CreateUserAsync(Roles.Operator, userName: "naik-jabatan");
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);

        var page = await admin.SubmitAsync(await admin.GetAsync(await EditPathAsync("naik-jabatan")), "[data-testid=user-form]",
            new() { ["DisplayName"] = "Kepala Baru", ["Role"] = Roles.AgencyHead, ["Agency"] = "DISDIK" });

        Assert.Contains("Pengguna naik-jabatan disimpan", PageClient.Text(page), StringComparison.Ordinal);
        var (roles, agency) = await WithUsersAsync(async users =>
        {
            var user = (await users.FindByNameAsync("naik-jabatan"))!;
            return (await users.GetRolesAsync(user), user.AgencyId);
        });
        Assert.Equal([Roles.AgencyHead], roles);
        Assert.Equal(await _app.WithDbAsync(db => db.Agencies.Where(a => a.Code == "DISDIK").Select(a => (long?)a.Id).SingleAsync()), agency);
    }

    [Fact]
    public async Task SetPassword_NewPassword_WorksForSignIn()
    {
        await _app.CreateUserAsync(Roles.Operator, userName: "lupa-sandi");
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);
        var edit = await admin.GetAsync(await EditPathAsync("lupa-sandi"));

        var weak = await admin.SubmitAsync(edit, "[data-testid=password-form]", new() { ["NewPassword"] = "pendek", ["ConfirmPassword"] = "pendek" });
        Assert.Contains("terlalu pendek", weak.QuerySelector("[data-valmsg-for=NewPassword]")!.TextContent, StringComparison.Ordinal);
        await admin.SubmitAsync(weak, "[data-testid=password-form]", new() { ["NewPassword"] = "Sandi-Baru-4567", ["ConfirmPassword"] = "Sandi-Baru-4567" });

        using var user = PageClient.For(_app);
        await user.SignInAsync("lupa-sandi", "Sandi-Baru-4567");
        Assert.Equal("/staff", user.Address!.AbsolutePath);
    }

    [Fact]
    public async Task List_Filters_NarrowTheRowsAndShowAnEmptyState()
    {
        await _app.CreateUserAsync(Roles.AgencyOfficer, "DINKES", userName: "saring-dinkes");
        await _app.CreateUserAsync(Roles.Operator, userName: "saring-operator");
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);

        var byAgency = await admin.GetAsync("/admin/users?q=SARING&agency=DINKES");
        var byRole = await admin.GetAsync("/admin/users?q=saring&role=Operator&status=active");
        var none = await admin.GetAsync("/admin/users?q=saring&status=disabled");

        Assert.Equal(["saring-dinkes"], Names(byAgency));
        Assert.Equal(["saring-operator"], Names(byRole));
        Assert.NotNull(none.QuerySelector("[data-testid=empty]"));
    }

    [Theory]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.AgencyHead)]
    public async Task Get_NonAdmin_Gets403(string role)
    {
        using var browser = await PageClient.SignedInAsync(_app, role, role == Roles.AgencyHead ? "DINKES" : null);

        await browser.GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.Forbidden, browser.Status);
    }

    private static string[] Names(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=users] tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToArray();

    private async Task<string> EditPathAsync(string userName) =>
        "/admin/users/edit/" + await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private async Task<T> WithUsersAsync<T>(Func<UserManager<StaffUser>, Task<T>> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>());
    }
}
