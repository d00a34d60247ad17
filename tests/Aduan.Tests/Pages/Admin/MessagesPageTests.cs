using System.Net;
using Aduan.Identity;
using Aduan.Tests.Support;

namespace Aduan.Tests.Pages.Admin;

/// <summary>/admin/messages: the SMS and e-mail traffic, per report, numbers shortened; admins only.</summary>
public sealed class MessagesPageTests : IAsyncLifetime
{
    private readonly AduanFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Outgoing_ListsEachReportsNotifications_ShortenedAndFilteredByReport()
    {
        var http = _app.CreateClient();
        var mine = await http.SubmitAsync(TestApi.Report(reporter: new { name = "Siti", phone = "0812 3456 7890", email = "siti@contoh.id" }));
        var other = await http.SubmitAsync(TestApi.Report(reporter: new { phone = "0813 9999 0000" }));
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);

        var all = await admin.GetAsync("/admin/messages");
        var one = await admin.GetAsync("/admin/messages?kode=" + mine.TrackingCode.ToLowerInvariant());
        var wrong = await admin.GetAsync("/admin/messages?kode=bukan-kode");

        var table = all.QuerySelector("[data-testid=messages]")!.TextContent;
        Assert.Contains(mine.TrackingCode, table, StringComparison.Ordinal);
        Assert.Contains(other.TrackingCode, table, StringComparison.Ordinal);
        Assert.Contains("s•••@contoh.id", table, StringComparison.Ordinal);
        Assert.DoesNotContain("siti@contoh.id", PageClient.Text(all), StringComparison.Ordinal);
        Assert.DoesNotContain("81399990000", PageClient.Text(all), StringComparison.Ordinal);
        Assert.DoesNotContain(other.TrackingCode, one.QuerySelector("[data-testid=messages]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(wrong.QuerySelector("#error-Code"));
    }

    [Fact]
    public async Task ReportPage_ShowsWhatTheReporterWasSent_WithItsDeliveryStatus_OnlyWhereTheReporterIsShown()
    {
        var http = _app.CreateClient();
        var created = await http.SubmitAsync(TestApi.Report(privacy: "Anonymous", reporter: new { name = "Siti", email = "siti@contoh.id" }));
        using var manager = await PageClient.SignedInAsync(_app, Roles.Manager);
        using var op = await PageClient.SignedInAsync(_app, Roles.Operator);

        var page = await manager.GetAsync("/staff/reports/" + created.TrackingCode);
        var hidden = await op.GetAsync("/staff/reports/" + created.TrackingCode);

        var sent = page.QuerySelector("[data-testid=sent-notifications] [data-testid=sent-email]")!;
        Assert.Contains(created.TrackingCode, sent.TextContent, StringComparison.Ordinal);
        Assert.Equal("menunggu kirim", sent.QuerySelector("[data-testid=sent-status]")!.TextContent.Trim());
        Assert.Null(hidden.QuerySelector("[data-testid=sent-notifications]"));
    }

    [Fact]
    public async Task Incoming_NoSmsYet_SaysSo()
    {
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);

        var page = await admin.GetAsync("/admin/messages?arah=masuk");

        Assert.NotNull(page.QuerySelector("[data-testid=empty]"));
    }

    [Fact]
    public async Task Manager_Gets403()
    {
        using var manager = await PageClient.SignedInAsync(_app, Roles.Manager);

        await manager.GetAsync("/admin/messages");

        Assert.Equal(HttpStatusCode.Forbidden, manager.Status);
    }
}
