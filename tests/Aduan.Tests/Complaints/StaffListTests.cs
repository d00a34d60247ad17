using System.Net;
using System.Net.Http.Json;
using Aduan.Complaints;
using Aduan.Tests.Support;

namespace Aduan.Tests.Complaints;

/// <summary>Filters, sorting and paging of the staff list; one app per test so counts are exact.</summary>
public sealed class StaffListTests : IDisposable
{
    private readonly AduanFactory _factory = new();
    private readonly HttpClient _public;

    public StaffListTests() => _public = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    private static async Task<PagedList<StaffComplaintListItem>> ListAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/api/v1/staff/complaints" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PagedList<StaffComplaintListItem>>(TestApi.Json))!;
    }

    [Fact]
    public async Task List_Empty_ReturnsEmptyPage()
    {
        var manager = await _factory.StaffClientAsync("Manager");

        var page = await ListAsync(manager);

        Assert.Empty(page.Items);
        Assert.Equal(0, page.TotalCount);
        Assert.Equal(0, page.TotalPages);
    }

    [Fact]
    public async Task List_FiltersByStatusAgencyCategoryAndChannel()
    {
        var manager = await _factory.StaffClientAsync("Manager");
        var op = await _factory.StaffClientAsync("Operator");
        var road = await _public.SubmitAsync(TestApi.Report(category: "JALAN"));
        var health = await _public.SubmitAsync(TestApi.Report(text: "Antrean puskesmas sangat panjang setiap pagi.", category: "KESEHATAN"));
        var call = await op.SubmitAsync(TestApi.Report(text: "Penelepon: banjir setinggi lutut di perumahan.", category: "BANJIR"));
        await manager.ActOkAsync(road.TrackingCode, new { action = "dispatch" });

        Assert.Equal([road.TrackingCode], (await ListAsync(manager, "?status=Dispatched")).Items.Select(i => i.TrackingCode));
        Assert.Equal(2, (await ListAsync(manager, "?status=submitted")).TotalCount);
        Assert.Equal(3, (await ListAsync(manager, "?status=Submitted,Dispatched")).TotalCount);
        Assert.Equal([road.TrackingCode], (await ListAsync(manager, "?agency=dbmsda")).Items.Select(i => i.TrackingCode));
        Assert.Equal([health.TrackingCode], (await ListAsync(manager, "?category=KESEHATAN")).Items.Select(i => i.TrackingCode));
        Assert.Equal([call.TrackingCode], (await ListAsync(manager, "?channel=CallCenter")).Items.Select(i => i.TrackingCode));
    }

    [Fact]
    public async Task List_TextQuery_FindsWordsAndPrefixesInTitleAndText()
    {
        var manager = await _factory.StaffClientAsync("Manager");
        var drain = await _public.SubmitAsync(TestApi.Report(text: "Gorong-gorong di Jl. Kartini tersumbat, air meluap ke rumah warga."));
        await _public.SubmitAsync(TestApi.Report(text: "Pelayanan KTP-el di kecamatan lambat sekali."));

        Assert.Equal([drain.TrackingCode], (await ListAsync(manager, "?q=tersumbat")).Items.Select(i => i.TrackingCode));
        Assert.Equal([drain.TrackingCode], (await ListAsync(manager, "?q=KARTIN")).Items.Select(i => i.TrackingCode)); // prefix, any case
        Assert.Empty((await ListAsync(manager, "?q=kartini+ktp")).Items); // every word must match

        // Words are cut as the index cuts them: a hyphen or a stop separates words, in the query too.
        Assert.Equal([drain.TrackingCode], (await ListAsync(manager, "?q=gorong-gorong")).Items.Select(i => i.TrackingCode));
        Assert.Equal([drain.TrackingCode], (await ListAsync(manager, "?q=kartini,tersumbat")).Items.Select(i => i.TrackingCode));
    }

    [Fact]
    public async Task List_Overdue_FindsReportsPastTheirDeadline()
    {
        var manager = await _factory.StaffClientAsync("Manager");
        var old = await _public.SubmitAsync();
        _factory.Time.Advance(TimeSpan.FromDays(7)); // past the 3 working days of verification
        var fresh = await _public.SubmitAsync();
        manager = await _factory.StaffClientAsync("Manager"); // a new token at the new time

        var overdue = await ListAsync(manager, "?overdue=true");
        var notOverdue = await ListAsync(manager, "?overdue=false");

        var item = Assert.Single(overdue.Items);
        Assert.Equal(old.TrackingCode, item.TrackingCode);
        Assert.True(item.Overdue);
        Assert.Equal([fresh.TrackingCode], notOverdue.Items.Select(i => i.TrackingCode));
        var detail = await manager.GetFromJsonAsync<StaffComplaintView>($"/api/v1/staff/complaints/{old.TrackingCode}", TestApi.Json);
        Assert.True(Assert.Single(detail!.Deadlines).Overdue);
    }

    [Fact]
    public async Task List_SortsAndPages()
    {
        var codes = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            codes.Add((await _public.SubmitAsync()).TrackingCode);
            _factory.Time.Advance(TimeSpan.FromHours(48)); // every report gets its own deadline, in order
        }

        var manager = await _factory.StaffClientAsync("Manager");

        var first = await ListAsync(manager, "?pageSize=2");
        var third = await ListAsync(manager, "?pageSize=2&page=3");
        var oldest = await ListAsync(manager, "?sort=oldest&pageSize=1");
        var due = await ListAsync(manager, "?sort=due&pageSize=5");

        Assert.Equal([codes[4], codes[3]], first.Items.Select(i => i.TrackingCode));
        Assert.Equal(5, first.TotalCount);
        Assert.Equal(3, first.TotalPages);
        Assert.Equal([codes[0]], third.Items.Select(i => i.TrackingCode));
        Assert.Equal(codes[0], Assert.Single(oldest.Items).TrackingCode);
        Assert.Equal(codes, due.Items.Select(i => i.TrackingCode)); // nearest deadline first: the oldest
        Assert.Equal(5, due.Items.Select(i => i.NextDueAt).Distinct().Count());
    }

    [Theory]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?pageSize=101", "pageSize")]
    [InlineData("?page=0", "page")]
    [InlineData("?sort=random", "sort")]
    [InlineData("?status=Lost", "status")]
    [InlineData("?agency=NOPE", "agency")]
    [InlineData("?category=NOPE", "category")]
    public async Task List_BadFilter_Returns400NamingIt(string query, string field)
    {
        var manager = await _factory.StaffClientAsync("Manager");

        var problem = await (await manager.GetAsync("/api/v1/staff/complaints" + query)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }
}
