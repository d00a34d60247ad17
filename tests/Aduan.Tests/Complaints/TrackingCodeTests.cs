using Aduan.Complaints;

namespace Aduan.Tests.Complaints;

/// <summary>Touches no database: runs once, not again on PostgreSQL (test.sh filters on this trait).</summary>
[Trait("Category", "NoDatabase")]
public sealed partial class TrackingCodeTests
{
    [System.Text.RegularExpressions.GeneratedRegex("^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{5}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{5}$")]
    private static partial System.Text.RegularExpressions.Regex Format();

    [Fact]
    public void New_HasReadableFormatAndValidCheckCharacter()
    {
        for (var i = 0; i < 1000; i++)
        {
            var code = TrackingCode.New();
            Assert.Matches(Format(), code);
            Assert.True(TrackingCode.TryNormalize(code, out var same));
            Assert.Equal(code, same);
        }
    }

    [Theory]
    [InlineData("code")]
    [InlineData("key")] // the reporter key draws from the same generator
    public void New_EveryCharacterInEveryPosition_AboutEquallyOften(string what)
    {
        // 31,000 draws: about 1,000 of each character in each place (a standard deviation of about 31). A bias such as
        // folding the 32nd value onto the first character would double one count; a character never drawn would be 0.
        Func<string> draw = what == "code" ? TrackingCode.New : ReporterKey.New;
        var length = what == "code" ? TrackingCode.RandomLength : ReporterKey.Length; // a code's last character is its check
        var counts = new int[length, TrackingCode.Alphabet.Length];
        for (var n = 0; n < 31_000; n++)
        {
            var chars = draw().Replace("-", "", StringComparison.Ordinal);
            for (var i = 0; i < length; i++)
            {
                counts[i, TrackingCode.Alphabet.IndexOf(chars[i], StringComparison.Ordinal)]++;
            }
        }

        for (var i = 0; i < length; i++)
        {
            for (var c = 0; c < TrackingCode.Alphabet.Length; c++)
            {
                Assert.InRange(counts[i, c], 800, 1_200);
            }
        }

        // All places together, a chi-square test: a slight bias in every place (a whole byte modulo 31 gives eight
        // characters 9/256 instead of 8/256, about 1,090 of 1,000 per place, inside the range above) adds up to thousands
        // here. 82.6 is the value 30 degrees of freedom exceed once in a million.
        var total = 31_000.0 * length;
        var expected = total / TrackingCode.Alphabet.Length;
        var chiSquare = Enumerable.Range(0, TrackingCode.Alphabet.Length)
            .Select(c => Enumerable.Range(0, length).Sum(i => counts[i, c]))
            .Sum(n => (n - expected) * (n - expected) / expected);
        Assert.True(chiSquare < 82.6, $"chi-square {chiSquare:F1} over 30 degrees of freedom");
        Assert.Equal(31_000, Enumerable.Range(0, 31_000).Select(_ => draw()).Distinct().Count());
    }

    [Fact]
    public void Alphabet_HasNoConfusableCharacters()
    {
        foreach (var ch in "0O1IL")
        {
            Assert.DoesNotContain(ch, TrackingCode.Alphabet);
        }
    }

    [Fact]
    public void New_ManyCodes_AreDistinctAndNotSequential()
    {
        var codes = Enumerable.Range(0, 20_000).Select(_ => TrackingCode.New()).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.NotEqual(codes.Order(StringComparer.Ordinal), codes);
    }

    [Theory]
    [InlineData(" k7m2q xp4r? ")]
    [InlineData("")]
    [InlineData("K7M2Q-XP4R")]
    [InlineData("K7M2Q-XP4RTT")]
    [InlineData("K7M0Q-XP4RT")]
    [InlineData("'; DROP TABLE Complaints;--")]
    public void TryNormalize_Malformed_ReturnsFalse(string input)
    {
        Assert.False(TrackingCode.TryNormalize(input, out _));
    }

    [Fact]
    public void TryNormalize_LowercaseSpacesNoHyphen_ReturnsCanonical()
    {
        var code = TrackingCode.New();
        var typed = " " + code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant().Insert(3, " ") + " ";

        Assert.True(TrackingCode.TryNormalize(typed, out var normalized));
        Assert.Equal(code, normalized);
    }

    [Fact]
    public void TryNormalize_EverySingleCharacterTypo_IsDetected()
    {
        for (var n = 0; n < 50; n++)
        {
            var chars = TrackingCode.New().Replace("-", "", StringComparison.Ordinal).ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                foreach (var wrong in TrackingCode.Alphabet.Where(c => c != chars[i]))
                {
                    var typo = (char[])chars.Clone();
                    typo[i] = wrong;
                    Assert.False(TrackingCode.TryNormalize(new string(typo), out _), new string(typo));
                }
            }
        }
    }

    [Fact]
    public void TryNormalize_EveryAdjacentSwapOfRandomCharacters_IsDetected()
    {
        for (var n = 0; n < 500; n++)
        {
            var chars = TrackingCode.New().Replace("-", "", StringComparison.Ordinal).ToCharArray();
            for (var i = 0; i < TrackingCode.RandomLength - 1; i++)
            {
                if (chars[i] == chars[i + 1])
                {
                    continue;
                }

                var swapped = (char[])chars.Clone();
                (swapped[i], swapped[i + 1]) = (swapped[i + 1], swapped[i]);
                Assert.False(TrackingCode.TryNormalize(new string(swapped), out _), new string(swapped));
            }
        }
    }
}
