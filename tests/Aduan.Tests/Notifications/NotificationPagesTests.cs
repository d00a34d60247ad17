using Aduan.Complaints;
using Aduan.Identity;
using Aduan.Notifications;
using Aduan.Tests.Support;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Notifications;

/// <summary>The reporter's choice on /lapor and the admins' view of the templates.</summary>
public sealed class NotificationPagesTests : IAsyncLifetime
{
    private readonly AduanFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<IHtmlDocument> ReportAsync(PageClient citizen, string phone, string email, string? notifyBy)
    {
        var page = await citizen.GetAsync("/lapor");
        var values = new Dictionary<string, string>
        {
            ["Report.Text"] = "Jalan di depan SDN Margahayu 5 berlubang besar dan membahayakan pengendara motor.",
            ["Report.Category"] = "JALAN", ["Report.Privacy"] = "Public",
            ["Report.Location.Kecamatan"] = "Bekasi Timur", ["Report.Location.Address"] = "Jl. Margahayu Raya",
            ["Report.Reporter.Phone"] = phone, ["Report.Reporter.Email"] = email, ["Report.Confirmed"] = "true",
        };
        if (notifyBy is not null)
        {
            values["Report.NotifyBy"] = notifyBy;
        }

        return await citizen.SubmitAsync(page, "#report", values);
    }

    private Task<NotifyBy> StoredChoiceAsync(IHtmlDocument page)
    {
        var code = page.QuerySelector("[data-testid=tracking-code]")!.TextContent.Trim();
        return _app.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == code).Select(c => c.NotifyBy).SingleAsync());
    }

    [Fact]
    public async Task Lapor_SmsChosenBesideAnEmail_IsStored()
    {
        using var citizen = PageClient.For(_app);

        var page = await ReportAsync(citizen, "0812-3456-7890", "siti@contoh.id", "Sms");

        Assert.Equal(NotifyBy.Sms, await StoredChoiceAsync(page));
    }

    [Fact]
    public async Task Lapor_NothingChosen_EmailWhenGiven()
    {
        using var citizen = PageClient.For(_app);

        var page = await ReportAsync(citizen, "0812-3456-7890", "siti@contoh.id", null);

        Assert.Equal(NotifyBy.Email, await StoredChoiceAsync(page));
    }

    [Fact]
    public async Task Lapor_EmailChosenWithoutAnAddress_ShowsTheErrorBesideTheChoice()
    {
        using var citizen = PageClient.For(_app);

        var page = await ReportAsync(citizen, "0812-3456-7890", "", "Email");

        Assert.Null(page.QuerySelector("[data-testid=tracking-code]"));
        Assert.Contains("isi alamat email", page.QuerySelector("[data-testid=notify-by] .error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminNotifications_ListsEveryTemplateInBothLanguages()
    {
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);

        var page = await admin.GetAsync("/admin/notifications");

        foreach (var t in NotificationTemplates.All)
        {
            var row = page.QuerySelector($"[data-testid='template-{t.Key}']");
            Assert.NotNull(row);
            Assert.Equal(t.Indonesian, row.QuerySelector("td[lang=id]")!.TextContent);
            Assert.Equal(t.English, row.QuerySelector("td[lang=en]")!.TextContent);
        }
    }

    [Fact]
    public async Task AdminNotifications_ManagerIsRefused()
    {
        using var manager = await PageClient.SignedInAsync(_app, Roles.Manager);

        var response = await manager.Http.GetAsync("/admin/notifications");

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AccountNotifications_SaveDigestAndContact_StoredAndStillSignedIn()
    {
        var userName = await _app.CreateUserAsync(Roles.AgencyOfficer, "DBMSDA");
        using var officer = PageClient.For(_app);
        await officer.SignInAsync(userName);
        var page = await officer.GetAsync("/staff/account/notifications");

        page = await officer.SubmitAsync(page, "[data-testid=notifications-form]",
            new() { ["Notify"] = "DailyDigest", ["Email"] = "Petugas@Contoh.id", ["Phone"] = "0813-1111-2222" });

        Assert.Equal("/staff/account/notifications", officer.Address!.AbsolutePath); // redirected back, not to the sign-in page
        Assert.Contains("disimpan", PageClient.Text(page), StringComparison.Ordinal);
        var user = await _app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == userName));
        Assert.Equal((StaffNotify.DailyDigest, "petugas@contoh.id", "+6281311112222"), (user.Notify, user.Email, user.PhoneNumber));
    }

    [Fact]
    public async Task AccountNotifications_BadPhone_ShowsTheErrorAndKeepsTheOldChoice()
    {
        var userName = await _app.CreateUserAsync(Roles.Urc, "DBMSDA");
        using var urc = PageClient.For(_app);
        await urc.SignInAsync(userName);
        var page = await urc.GetAsync("/staff/account/notifications");

        page = await urc.SubmitAsync(page, "[data-testid=notifications-form]", new() { ["Notify"] = "None", ["Phone"] = "12" });

        Assert.Contains("Nomor telepon tidak valid", PageClient.Text(page), StringComparison.Ordinal);
        Assert.Equal(StaffNotify.EachEvent, await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Notify).SingleAsync()));
    }
}
