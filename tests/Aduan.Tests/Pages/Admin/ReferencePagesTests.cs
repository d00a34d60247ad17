using System.Net.Http.Json;
using System.Text.Json;
using Aduan.Agencies;
using Aduan.Identity;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Pages.Admin;

/// <summary>Agencies and categories: the reference lists an admin keeps.</summary>
public sealed class ReferencePagesTests : IAsyncLifetime
{
    private const string Secret = "rahasia-webhook-dinkes-2026";

    private readonly AduanFactory _app = new()
    {
        TestServices = s => s.AddSingleton<IWebhookDns>(new FakeWebhookDns { Names = { ["dinkes.example.go.id"] = [FakeWebhookDns.Public] } }),
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task EditAgency_NameAndWebhook_ListShowsConfiguredButNeverTheSecret()
    {
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);
        var page = await admin.GetAsync("/admin/agencies/edit/DINKES");

        page = await admin.SubmitAsync(page, "[data-testid=agency-form]", new() { ["Input.Name"] = "Dinas Kesehatan Kota" });
        var tooShort = await admin.SubmitAsync(page, "[data-testid=webhook-form]",
            new() { ["Webhook.Url"] = "https://dinkes.example.go.id/aduan", ["Webhook.Secret"] = "pendek" });
        Assert.Contains("16", tooShort.QuerySelector("[data-valmsg-for='Webhook.Secret']")!.TextContent, StringComparison.Ordinal);
        page = await admin.SubmitAsync(tooShort, "[data-testid=webhook-form]",
            new() { ["Webhook.Url"] = "https://dinkes.example.go.id/aduan", ["Webhook.Secret"] = Secret });

        Assert.Equal("Terpasang", page.QuerySelector("[data-testid=webhook]")!.TextContent);
        Assert.DoesNotContain(Secret, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        var list = await admin.GetAsync("/admin/agencies");
        var row = list.QuerySelector("[data-testid=agency-DINKES]")!;
        Assert.Contains("Dinas Kesehatan Kota", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("Terpasang", row.QuerySelector("[data-testid=webhook]")!.TextContent);
        Assert.DoesNotContain(Secret, list.DocumentElement.OuterHtml, StringComparison.Ordinal);
        var stored = await _app.WithDbAsync(db => db.Agencies.Where(a => a.Code == "DINKES").Select(a => a.WebhookSecret).SingleAsync());
        Assert.NotNull(stored);
        Assert.NotEqual(Secret, stored);
        var actions = await _app.WithDbAsync(db => db.AuditEntries.Where(e => e.Subject == "DINKES").Select(e => e.Action).ToListAsync());
        Assert.Equal(["agency.update", "agency.webhook.set"], actions.Order());
    }

    [Fact]
    public async Task EditAgency_WebhookToTheMetadataAddress_IsRefusedBesideTheFieldAndNotStored()
    {
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);
        var page = await admin.GetAsync("/admin/agencies/edit/DINKES");

        page = await admin.SubmitAsync(page, "[data-testid=webhook-form]",
            new() { ["Webhook.Url"] = "http://169.254.169.254/latest/meta-data/", ["Webhook.Secret"] = Secret });

        Assert.Contains("169.254.169.254", page.QuerySelector("[data-valmsg-for='Webhook.Url']")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await _app.WithDbAsync(db => db.Agencies.Where(a => a.Code == "DINKES").Select(a => a.WebhookUrl).SingleAsync()));
    }

    [Fact]
    public async Task NewAgency_BadCodeThenGoodCode_IsCreatedOnceWithAFixedCode()
    {
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);
        var form = await admin.GetAsync("/admin/agencies/edit");
        var values = new Dictionary<string, string>
        {
            ["Input.Code"] = "dinas baru!", ["Input.Name"] = "Dinas Baru", ["Input.ShortName"] = "Disbaru", ["Input.Kind"] = "dinas",
        };

        var bad = await admin.SubmitAsync(form, "[data-testid=agency-form]", values);
        Assert.Contains("A-Z", bad.QuerySelector("[data-valmsg-for='Input.Code']")!.TextContent, StringComparison.Ordinal);
        values["Input.Code"] = "dis-baru";
        var created = await admin.SubmitAsync(bad, "[data-testid=agency-form]", values);

        Assert.EndsWith("/admin/agencies/edit/dis-baru", admin.Address!.AbsolutePath, StringComparison.Ordinal);
        Assert.NotNull(created.QuerySelector("#Input_Code[readonly]"));
        var agencies = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/agencies");
        Assert.Contains(agencies.EnumerateArray(), a => a.GetProperty("code").GetString() == "DIS-BARU");
    }

    [Fact]
    public async Task EditCategory_DefaultAgency_ShowsInTheListAndTheApi()
    {
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);
        using var api = _app.CreateClient();
        var before = await api.GetFromJsonAsync<JsonElement>("/api/v1/categories"); // fills the catalog's cache
        Assert.Equal("DINKES", DefaultAgency(before, "KESEHATAN"));

        await admin.SubmitAsync(await admin.GetAsync("/admin/categories/edit/KESEHATAN"), "[data-testid=category-form]",
            new() { ["Input.DefaultAgency"] = "DISDUKCAPIL", ["Input.Tier"] = "Light" });

        var list = await admin.GetAsync("/admin/categories");
        Assert.Equal("DISDUKCAPIL", list.QuerySelector("[data-testid=category-KESEHATAN] [data-testid=default-agency]")!.TextContent);
        var after = await api.GetFromJsonAsync<JsonElement>("/api/v1/categories");
        Assert.Equal("DISDUKCAPIL", DefaultAgency(after, "KESEHATAN"));
        Assert.Equal("Light", Find(after, "KESEHATAN").GetProperty("tier").GetString());
        Assert.True(await _app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "category.update" && e.Subject == "KESEHATAN")));
    }

    [Fact]
    public async Task NewCategory_TakenCodeThenNewCode_IsCreatedWithoutAgency()
    {
        using var admin = await PageClient.SignedInAsync(_app, Roles.Admin);
        var values = new Dictionary<string, string>
        {
            ["Input.Code"] = "BANJIR", ["Input.Name"] = "Genangan Air", ["Input.DefaultAgency"] = "", ["Input.UrgentPossible"] = "true",
        };

        var taken = await admin.SubmitAsync(await admin.GetAsync("/admin/categories/edit"), "[data-testid=category-form]", values);
        Assert.Contains("sudah dipakai", taken.QuerySelector("[data-valmsg-for='Input.Code']")!.TextContent, StringComparison.Ordinal);
        values["Input.Code"] = "GENANGAN";
        await admin.SubmitAsync(taken, "[data-testid=category-form]", values);

        var categories = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/categories");
        var genangan = Find(categories, "GENANGAN");
        Assert.Equal(JsonValueKind.Null, genangan.GetProperty("defaultAgency").ValueKind);
        Assert.True(genangan.GetProperty("urgentPossible").GetBoolean());
        Assert.Equal("Banjir dan Drainase", Find(categories, "BANJIR").GetProperty("name").GetString());
    }

    private static JsonElement Find(JsonElement categories, string code) =>
        categories.EnumerateArray().Single(c => c.GetProperty("code").GetString() == code);

    private static string? DefaultAgency(JsonElement categories, string code) => Find(categories, code).GetProperty("defaultAgency").GetString();
}
