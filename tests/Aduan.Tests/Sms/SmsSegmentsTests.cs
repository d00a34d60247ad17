using Aduan.Sms;

namespace Aduan.Tests.Sms;

[Trait("Category", "NoDatabase")]
public sealed class SmsSegmentsTests
{
    public static TheoryData<string, SmsEncoding, int, int> Texts => new()
    {
        { "", SmsEncoding.Gsm7, 0, 1 },
        { "Halo @ £5 é Ä ñ", SmsEncoding.Gsm7, 15, 1 },
        { new string('a', 160), SmsEncoding.Gsm7, 160, 1 },
        { new string('a', 161), SmsEncoding.Gsm7, 161, 2 },
        { new string('a', 306), SmsEncoding.Gsm7, 306, 2 },
        { new string('a', 307), SmsEncoding.Gsm7, 307, 3 },

        // The extension table (€ [ ] { } ^ ~ | \) takes two septets each.
        { "Harga 5€", SmsEncoding.Gsm7, 9, 1 },
        { new string('a', 159) + "€", SmsEncoding.Gsm7, 161, 2 },
        { new string('[', 80), SmsEncoding.Gsm7, 160, 1 },

        // One character outside GSM-7 makes the whole message UCS-2; an emoji is two UTF-16 units.
        { "Cafe ú", SmsEncoding.Ucs2, 6, 1 },
        { new string('a', 68) + "😀", SmsEncoding.Ucs2, 70, 1 },
        { new string('a', 69) + "😀", SmsEncoding.Ucs2, 71, 2 },
        { new string('a', 132) + "😀", SmsEncoding.Ucs2, 134, 2 },
        { new string('a', 133) + "😀", SmsEncoding.Ucs2, 135, 3 },
        { "Jalan “rusak”", SmsEncoding.Ucs2, 13, 1 },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Measure_Text_EncodingUnitsAndSegments(string text, SmsEncoding encoding, int units, int segments)
    {
        var size = SmsSegments.Measure(text);

        Assert.Equal((encoding, units, segments), (size.Encoding, size.Units, size.Segments));
    }

    private static string Reply(string part) => $"Aduan diterima. Kode: K7M2Q-XP4RT. Cek status: ketik BKSKOTA CEK K7M2Q-XP4RT kirim ke 1708. Isi: {part}";

    [Fact]
    public void Fit_ShortPart_Unchanged() =>
        Assert.Equal(Reply("jalan rusak"), SmsSegments.Fit(Reply, "jalan rusak"));

    [Fact]
    public void Fit_LongPart_ShortenedToOneSegmentKeepingTheCode()
    {
        var text = SmsSegments.Fit(Reply, string.Concat(Enumerable.Repeat("jalan rusak di depan pasar Bekasi Timur ", 20)));

        Assert.Equal(1, SmsSegments.Measure(text).Segments);
        Assert.EndsWith("...", text);
        Assert.Contains("BKSKOTA CEK K7M2Q-XP4RT", text);
        Assert.Equal(160, SmsSegments.Measure(text).Units, tolerance: 3);
    }

    [Fact]
    public void Fit_PartWithEmojiInAGsmReply_QuotedWithoutItInOneGsmSegment()
    {
        var text = SmsSegments.Fit(Reply, "Jalan rusak 😡 parah di depan pasar Bekasi Timur, sudah seminggu tidak diperbaiki");

        var size = SmsSegments.Measure(text);
        Assert.Equal((SmsEncoding.Gsm7, 1), (size.Encoding, size.Segments));
        Assert.Contains("Isi: Jalan rusak parah di depan", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_Ucs2Template_SeventyCharacterSegments()
    {
        var text = SmsSegments.Fit(p => $"Kode K7M2Q-XP4RT 😀 {p}", new string('x', 300));

        var size = SmsSegments.Measure(text);
        Assert.Equal((SmsEncoding.Ucs2, 1), (size.Encoding, size.Segments));
        Assert.Equal(70, size.Units);
        Assert.StartsWith("Kode K7M2Q-XP4RT 😀 xxx", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_TemplateLongerThanOneSegment_NeverMoreThanThree()
    {
        var template = new string('k', 400);

        var text = SmsSegments.Fit(p => template + " " + p, new string('x', 300));

        Assert.True(SmsSegments.Measure(text).Segments <= SmsSegments.MaxSegments);
        Assert.StartsWith(template, text);
    }

    [Fact]
    public void Fit_NeverSplitsAnEmoji()
    {
        for (var n = 100; n < 160; n++)
        {
            var text = SmsSegments.Fit(p => "Kode K7M2Q-XP4RT. " + p, new string('a', n % 7) + string.Concat(Enumerable.Repeat("😀", 60)));

            Assert.True(text.Normalize().Length > 0); // Normalize throws on a lone surrogate
            Assert.DoesNotContain(text.Select((c, i) => (c, i)), x => char.IsHighSurrogate(x.c) && (x.i + 1 == text.Length || !char.IsLowSurrogate(text[x.i + 1])));
        }
    }
}
