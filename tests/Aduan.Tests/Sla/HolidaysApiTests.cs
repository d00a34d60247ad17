using System.Net;
using System.Net.Http.Json;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Sla;

public sealed class HolidaysApiTests(AduanFactory factory) : IClassFixture<AduanFactory>
{
    [Fact]
    public async Task Put_NewHoliday_IsListedAuditedAndPushesDeadlines()
    {
        var admin = await factory.StaffClientAsync("Admin");

        // Thursday 4 June 2026 becomes a (made-up) holiday: 3 working days from Tuesday now end on Monday.
        var put = await admin.PutAsJsonAsync("/api/v1/admin/holidays/2026-06-04", new { kind = "cuti_bersama", name = "Cuti uji" });
        var created = await factory.CreateClient().SubmitAsync();

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        var list = await admin.GetFromJsonAsync<List<Aduan.Sla.HolidayView>>("/api/v1/admin/holidays?year=2026");
        Assert.Contains(list!, h => h is { Date: "2026-06-04", Kind: "cuti_bersama", Name: "Cuti uji" });
        Assert.Equal(new DateTimeOffset(2026, 6, 8, 17, 0, 0, TimeSpan.Zero), Assert.Single(created.Deadlines).DueAt);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "holiday.set" && e.Subject == "2026-06-04")));
    }

    [Fact]
    public async Task Put_ExistingDay_CorrectsIt()
    {
        var admin = await factory.StaffClientAsync("Admin");

        var put = await admin.PutAsJsonAsync("/api/v1/admin/holidays/2026-05-27", new { kind = "holiday", name = "Idul Adha 1447 H (koreksi)" });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var list = await admin.GetFromJsonAsync<List<Aduan.Sla.HolidayView>>("/api/v1/admin/holidays?year=2026");
        Assert.Single(list!, h => h.Date == "2026-05-27" && h.Name.EndsWith("(koreksi)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delete_Holiday_RemovesItThenAnswers404()
    {
        var admin = await factory.StaffClientAsync("Admin");
        await admin.PutAsJsonAsync("/api/v1/admin/holidays/2027-01-01", new { kind = "holiday", name = "Tahun Baru 2027" });

        var first = await admin.DeleteAsync("/api/v1/admin/holidays/2027-01-01");
        var second = await admin.DeleteAsync("/api/v1/admin/holidays/2027-01-01");

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        await second.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("2027-13-01", """{"kind":"holiday","name":"x"}""", "date")]
    [InlineData("2027-01-01", """{"kind":"festival","name":"x"}""", "kind")]
    [InlineData("2027-01-01", """{"kind":"holiday"}""", "name")]
    public async Task Put_BadInput_Returns400(string date, string json, string field)
    {
        var admin = await factory.StaffClientAsync("Admin");

        var response = await admin.PutAsync($"/api/v1/admin/holidays/{date}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.True((await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("?year=0")]
    [InlineData("?year=10000")]
    public async Task Get_YearOutOfRange_Returns400(string query)
    {
        var admin = await factory.StaffClientAsync("Admin");

        await (await admin.GetAsync("/api/v1/admin/holidays" + query)).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("Manager")]
    [InlineData("AgencyOfficer")]
    public async Task Holidays_NonAdmin_Returns403(string role)
    {
        var client = await factory.StaffClientAsync(role, role == "AgencyOfficer" ? "DINKES" : null);

        var response = await client.PutAsJsonAsync("/api/v1/admin/holidays/2027-01-01", new { kind = "holiday", name = "x" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
