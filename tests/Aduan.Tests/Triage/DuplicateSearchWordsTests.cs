using Aduan.Triage;

namespace Aduan.Tests.Triage;

/// <summary>The two words the duplicate search asks the full-text index for.</summary>
public sealed class DuplicateSearchWordsTests
{
    private static readonly Dictionary<string, double> None = [];

    [Fact]
    public void NoStatistics_TheTwoLongest_AddressWordsLeftOut()
    {
        var words = DuplicateSearch.SearchWords("Kelurahan Kaliabang Tengah: saluran tersumbat, kecamatan diam saja", None);

        Assert.Equal(["kaliabang", "tersumbat"], words);
    }

    [Fact]
    public void Statistics_TheRarestThenTheLongestOfTheOthers_NotTheTwoRarest()
    {
        // "tengah" and "kaliabang" are both rare (one name), "tersumbatnya" and "saluran" common: the rarest word and the
        // longest other one, not the second rarest.
        var common = new Dictionary<string, double>
        {
            ["kaliabang"] = 0.004, ["tengah"] = 0.003, ["tersumbatnya"] = 0.2, ["saluran"] = 0.3,
        };

        var words = DuplicateSearch.SearchWords("Saluran Kaliabang Tengah tersumbatnya", common);

        Assert.Equal(["tengah", "tersumbatnya"], words);
    }

    [Fact]
    public void Statistics_AWordTheyDoNotName_IsRarerThanAllOfThem()
    {
        var common = new Dictionary<string, double> { ["tersumbat"] = 0.2, ["saluran"] = 0.01 };

        Assert.Equal(["margahayu", "tersumbat"], DuplicateSearch.SearchWords("saluran tersumbat margahayu", common));
    }

    [Theory]
    [InlineData("")]
    [InlineData("jln rt rw ok")]
    [InlineData("kelurahan kecamatan")]
    public void NoWordToSearch_IsEmpty(string text) =>
        Assert.Empty(DuplicateSearch.SearchWords(text, None));

    [Fact]
    public void OneWord_IsSearchedAlone() =>
        Assert.Equal(["tersumbat"], DuplicateSearch.SearchWords("tersumbat!!! tersumbat", None));
}
