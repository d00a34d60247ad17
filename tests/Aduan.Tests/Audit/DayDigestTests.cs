using Aduan.Audit;

namespace Aduan.Tests.Audit;

/// <summary>Touches no database: runs once, not again on PostgreSQL (test.sh filters on this trait).</summary>
[Trait("Category", "NoDatabase")]
public sealed class DayDigestTests
{
    private static readonly DateOnly Day = new(2026, 6, 2);

    [Theory]
    [InlineData("2026-06-02 ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789")]
    [InlineData("  2026-06-02   abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789 17 ")]
    public void TryParse_PublishedLine_ReadsDayAndLowercaseDigest(string line)
    {
        Assert.True(DayDigest.TryParse(line, out var day, out var digest));

        Assert.Equal(Day, day);
        Assert.Equal("abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789", digest);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-06-02")]
    [InlineData("02/06/2026 abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789")]
    [InlineData("2026-06-02 abcdef0123456789")]
    [InlineData("2026-06-02 zzzzzz0123456789abcdef0123456789abcdef0123456789abcdef0123456789")]
    [InlineData("2026-06-02 abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789 17 x")]
    public void TryParse_NotALine_IsFalse(string line) => Assert.False(DayDigest.TryParse(line, out _, out _));

    [Fact]
    public void Builder_SameInput_SameDigest_AnyChange_AnotherDigest()
    {
        var same = Digest(DayDigest.Genesis, Day, "a", "b");

        Assert.Equal(same, Digest(DayDigest.Genesis, Day, "a", "b"));
        Assert.Matches("^[0-9a-f]{64}$", same.Digest);
        Assert.Equal($"2026-06-02 {same.Digest} 2", same.Line);
        Assert.NotEqual(same.Digest, Digest(DayDigest.Genesis, Day, "b", "a").Digest);
        Assert.NotEqual(same.Digest, Digest(DayDigest.Genesis, Day, "a").Digest);
        Assert.NotEqual(same.Digest, Digest(DayDigest.Genesis, Day.AddDays(1), "a", "b").Digest);
        Assert.NotEqual(same.Digest, Digest(new string('1', 64), Day, "a", "b").Digest);
    }

    private static DayDigest Digest(string previous, DateOnly day, params string[] hashes)
    {
        using var builder = new DayDigest.Builder(previous, day);
        foreach (var hash in hashes)
        {
            builder.Add(hash);
        }

        return builder.Finish();
    }
}
