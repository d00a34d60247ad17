using System.Text;
using System.Text.RegularExpressions;
using Aduan.Infrastructure;
using Aduan.Resources;
using Aduan.Tests.Support;
using Microsoft.Extensions.Localization;

namespace Aduan.Tests.Infrastructure;

/// <summary>The one text rule every field of every channel passes (<see cref="Validation.Text"/>).</summary>
public sealed class ValidationTests
{
    private static Validation NewValidation() => new(new KeyLocalizer());

    [Theory]
    [InlineData(@"Lampu mati \uFFFE total")]
    [InlineData(@"Lampu mati \uFFFF")]
    [InlineData(@"\uFDD0 Lampu mati total")]
    [InlineData(@"Lampu mati \uFDEF total")]
    [InlineData(@"Lampu mati \uD83F\uDFFE total")] // U+1FFFE
    [InlineData(@"Lampu mati \uDBBF\uDFFF total")] // U+FFFFF
    [InlineData(@"Lampu mati \uD83D total")] // a high surrogate without its low one
    [InlineData(@"Lampu mati \uDE00 total")] // a low surrogate alone
    [InlineData(@"Lampu mati total \uD83D")]
    public void Text_NoncharacterOrUnpairedSurrogate_IsRefused(string escaped)
    {
        var v = NewValidation();

        var text = v.Text("text", Regex.Unescape(escaped), 1, 100, required: true);

        Assert.Null(text);
        Assert.Equal(["Field.InvalidCharacters"], v.Errors["text"]);
    }

    [Theory]
    [InlineData(@"\u200B\u200C\u200D")]
    [InlineData(@" \u2060\uFEFF\u00AD ")]
    [InlineData(@"\uFE0F\uDB40\uDD00\u034F")] // variation selectors, the grapheme joiner
    [InlineData(@"\u3164\u115F\u2800\u2028\u00A0")] // blank letters, line separator, no-break space
    [InlineData(@"\u0301\u0308")] // marks with nothing to sit on
    public void Text_NothingVisible_IsEmptySoRequiredFires(string escaped)
    {
        var v = NewValidation();

        var text = v.Text("text", Regex.Unescape(escaped), 1, 100, required: true);

        Assert.Null(text);
        Assert.Equal(["Field.Required"], v.Errors["text"]);
    }

    [Theory]
    [InlineData("a\u200Bb")]
    [InlineData("\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67")]
    [InlineData("\u2764\uFE0F")]
    [InlineData("e\u0301")]
    public void Text_VisibleWithInvisibleCharactersAmongThem_IsKept(string value)
    {
        var v = NewValidation();

        var text = v.Text("text", value, 1, 100, required: true);

        Assert.Equal(value.Normalize(NormalizationForm.FormC), text);
        Assert.True(v.IsValid);
    }

    [Fact]
    public void Text_GeneratedStrings_NeverThrowAndPassOnlyWellFormedVisibleNfcText()
    {
        var random = new Random(20261213);

        for (var i = 0; i < 5000; i++)
        {
            var value = GeneratedText.Next(random, random.Next(0, 12));
            var v = NewValidation();

            var text = v.Text("text", value, 1, 100, required: true);

            Assert.Equal(text is null, !v.IsValid);
            if (text is not null)
            {
                Assert.True(Validation.IsWellFormed(text), GeneratedText.JsonEscaped(value));
                Assert.True(Validation.HasVisibleCharacter(text), GeneratedText.JsonEscaped(value));
                Assert.True(text.IsNormalized(NormalizationForm.FormC), GeneratedText.JsonEscaped(value));
            }
        }
    }
}
