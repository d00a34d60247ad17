using System.Net;
using Aduan.Complaints;
using Aduan.Tests.Support;

namespace Aduan.Tests.Complaints;

/// <summary>The reporter key as people read, type and paste it.</summary>
public sealed class ReporterKeyTests(AduanFactory factory) : IClassFixture<AduanFactory>
{
    [Fact]
    public void New_FiveGroupsOfFiveFromTheTrackingAlphabet()
    {
        var key = ReporterKey.New();

        var groups = key.Split('-');
        Assert.Equal(5, groups.Length);
        Assert.All(groups, g => Assert.Equal(5, g.Length));
        Assert.All(key.Replace("-", "", StringComparison.Ordinal), ch => Assert.Contains(ch, TrackingCode.Alphabet));
        Assert.NotEqual(key, ReporterKey.New());
    }

    [Theory]
    [InlineData(" {0} ")]
    [InlineData("{1}")]
    [InlineData("{2}")]
    public void Matches_AnyCaseWithOrWithoutHyphensOrSpaces_True(string shape)
    {
        var key = ReporterKey.New();
        var typed = string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, key,
            key.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant(), key.Replace('-', ' ').ToLowerInvariant());

        Assert.True(ReporterKey.Matches(typed, ReporterKey.Hash(key)));
        Assert.Equal(ReporterKey.Hash(key), ReporterKey.Hash(typed));
    }

    [Fact]
    public void Matches_AnotherKeyOrOneCharacterOff_False()
    {
        var key = ReporterKey.New();
        var off = (key[0] == 'A' ? "B" : "A") + key[1..];

        Assert.False(ReporterKey.Matches(off, ReporterKey.Hash(key)));
        Assert.False(ReporterKey.Matches(ReporterKey.New(), ReporterKey.Hash(key)));
        Assert.False(ReporterKey.Matches("", ReporterKey.Hash(key)));
    }

    [Fact]
    public void Matches_AnOldBase64UrlKey_OnlyAsItWasGiven()
    {
        const string old = "q0Ol1I-x_9ZzAbCdEfGhIw"; // 22 characters of the format before, case-sensitive
        var stored = ReporterKey.Hash(old);

        Assert.True(ReporterKey.Matches(old, stored));
        Assert.False(ReporterKey.Matches(old.ToUpperInvariant(), stored));
    }

    [Fact]
    public void TrackingCodeExample_IsAWellFormedCode()
    {
        Assert.True(TrackingCode.TryNormalize(TrackingCode.Example, out var code));
        Assert.Equal(TrackingCode.Example, code);
    }

    [Fact]
    public async Task Reply_WithTheKeyTypedInLowerCaseWithoutHyphens_IsAccepted()
    {
        var client = factory.CreateClient();
        var created = await client.SubmitAsync();
        var manager = await factory.StaffClientAsync("Manager");
        await manager.ActOkAsync(created.TrackingCode, new { action = "defer", question = "Di RT/RW berapa?" });
        var typed = created.ReporterKey.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();

        var response = await client.PostAsReporterAsync($"/api/v1/complaints/{created.TrackingCode}/replies", typed,
            new { text = "RT 03 RW 07, Kelurahan Margahayu." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("^([2-9A-HJKMNP-Z]{5}-){4}[2-9A-HJKMNP-Z]{5}$", created.ReporterKey);
    }
}
