using Aduan.Complaints;
using Aduan.Data;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Data;

/// <summary>
/// A searched list's count and pages, whichever way the search reads them (on PostgreSQL: the list's first entries in
/// its order, the ids from the full-text index, or the planner's plan), on the suite's provider, with a window and a cap
/// small enough to reach each way; the pages are always those of the plain query, ordered and cut.
/// </summary>
public sealed class ComplaintSearchPathTests : IAsyncLifetime
{
    private const int Max = 3;
    private const int Window = 6;

    private readonly AduanFactory _app = new();

    // Oldest first. The newest six, the window: "qorvax" four times (more than the cap), "zelmit" once; "kirlap" four
    // times there and twice before.
    private static readonly string[] Texts =
    [
        "Trotoar zelmit prundo kirlap retak di depan pasar",
        "Trotoar zelmit kirlap retak dekat halte bus",
        "Trotoar zelmit prundo retak di ujung gang",
        "Trotoar zelmit retak di simpang empat",
        "Lampu qorvax zelmit kirlap padam sejak minggu lalu",
        "Lampu qorvax kirlap padam di taman kota",
        "Lampu qorvax kirlap padam dekat masjid",
        "Lampu qorvax kirlap padam di jalan utama",
        "Saluran air tersumbat sampah plastik",
        "Saluran air meluap setiap hujan deras",
    ];

    public async Task InitializeAsync()
    {
        var client = _app.CreateClient();
        foreach (var text in Texts)
        {
            await client.SubmitAsync(TestApi.Report(text));
        }
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static IOrderedQueryable<Complaint> NewestFirst(IQueryable<Complaint> q) =>
        q.OrderByDescending(c => c.SubmittedAt).ThenByDescending(c => c.Id);

    private async Task<(CappedCount Count, List<string> Page, List<string> Expected)> SearchAsync(string text, int page, int pageSize,
        int window = Window)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        var (matches, count) = await ComplaintSearch.SearchAsync(db.Complaints, db, text, publicTexts: false, NewestFirst,
            window > 0 ? OrderHeld.ByAnIndexWithEveryFilter : OrderHeld.ByAnIndex, Max, page * pageSize, window, CancellationToken.None);
        var found = await NewestFirst(matches).Skip((page - 1) * pageSize).Take(pageSize).Select(c => c.Text).ToListAsync();
        var expected = await NewestFirst(db.Complaints.Matching(db, text)).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(c => c.Text).ToListAsync();
        return (count, found, expected);
    }

    [Fact]
    public async Task ManyAmongTheNewest_MoreThanTheCap_PagedInOrder()
    {
        var (count, page, expected) = await SearchAsync("qorvax", page: 2, pageSize: 2);

        Assert.Equal(new CappedCount(Max, Capped: true), count);
        Assert.Equal([Texts[5], Texts[4]], page);
        Assert.Equal(expected, page);
    }

    [Fact]
    public async Task FewInAll_CountedExactly_PagedInOrder()
    {
        var (count, page, expected) = await SearchAsync("prundo", page: 1, pageSize: 5);

        Assert.Equal(new CappedCount(2, Capped: false), count);
        Assert.Equal([Texts[2], Texts[0]], page);
        Assert.Equal(expected, page);
    }

    [Fact]
    public async Task NoMatch_CountedZero_EmptyPage()
    {
        var (count, page, _) = await SearchAsync("xyzzyqua", page: 1, pageSize: 5);

        Assert.Equal(new CappedCount(0, Capped: false), count);
        Assert.Empty(page);
    }

    [Theory]
    [InlineData(1)] // the window holds the first page
    [InlineData(2)] // it does not: the older matches
    [InlineData(3)]
    public async Task ManyInAllButFewAmongTheNewest_MoreThanTheCap_EveryPageInOrder(int pageNumber)
    {
        var (count, page, expected) = await SearchAsync("zelmit", pageNumber, pageSize: 1);

        Assert.Equal(new CappedCount(Max, Capped: true), count);
        Assert.Single(page);
        Assert.Equal(expected, page);
        Assert.Equal(Texts[4 - (pageNumber - 1)], page[0]);
    }

    [Theory]
    [InlineData(4, Window)] // the window's last match
    [InlineData(5, Window)] // past the window's matches, though it holds more than the cap
    [InlineData(6, Window)]
    [InlineData(5, 0)] // a list whose filters no index holds in its order: no window
    public async Task ManyAmongTheNewestAndMoreBefore_APagePastTheWindow_IsTheOlderMatch(int pageNumber, int window)
    {
        var (count, page, expected) = await SearchAsync("kirlap", pageNumber, pageSize: 1, window);

        Assert.Equal(new CappedCount(Max, Capped: true), count);
        Assert.Equal(expected, page);
        Assert.Equal([Texts[pageNumber switch { 4 => 4, 5 => 1, _ => 0 }]], page);
    }
}
