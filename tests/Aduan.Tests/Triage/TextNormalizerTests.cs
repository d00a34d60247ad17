using Aduan.Triage;

namespace Aduan.Tests.Triage;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("Jln Melati RUSAK!!", "jalan melati rusak")]
    [InlineData("lampu gak nyala, sdh 3 hari", "lampu tidak nyala sudah 3 hari")]
    [InlineData("nggak bisa bikin KK yg baru", "tidak bisa bikin kartu keluarga yang baru")]
    [InlineData("ktp sy blm jadi", "kartu tanda penduduk saya belum jadi")]
    [InlineData("banjirrrr parahhh", "banjirr parahh")]
    [InlineData("anak2 ga sekolah", "anak tidak sekolah")]
    [InlineData("Pelayanan café", "pelayanan cafe")]
    [InlineData("  ", "")]
    public void Normalize_InformalText_WritesItOut(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(text));

    [Fact]
    public void UrgencyWords_Emergency_ReturnsTriggeringWordsOnce()
    {
        var words = UrgencyWords.In("DARURAT!!! rumah terbakar, ada korban pingsan. Darurat");

        Assert.Equal(["darurat", "terbakar", "korban", "pingsan"], words);
    }

    [Fact]
    public void UrgencyWords_OrdinaryReport_ReturnsNone() =>
        Assert.Empty(UrgencyWords.In("Lampu jalan di gang mati sejak minggu lalu"));
}
