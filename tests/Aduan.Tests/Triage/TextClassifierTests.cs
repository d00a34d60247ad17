using Aduan.Triage;

namespace Aduan.Tests.Triage;

public sealed class TextClassifierTests
{
    /// <summary>A few reports per category, in the informal spellings citizens use.</summary>
    internal static readonly LabelledText[] Examples =
    [
        new("Jalan berlubang besar di depan pasar, motor sering jatuh", "JALAN"),
        new("jln rusak parah aspal mengelupas", "JALAN"),
        new("Aspal jalan retak dan berlubang setelah hujan", "JALAN"),
        new("lubang di jalan raya sdh sebulan gak diperbaiki", "JALAN"),
        new("Sampah menumpuk di TPS tidak diangkut seminggu", "SAMPAH"),
        new("sampah bau bgt numpuk di pinggir kali", "SAMPAH"),
        new("Truk sampah tidak datang, sampah warga menumpuk", "SAMPAH"),
        new("tumpukan sampah di gang bikin bau", "SAMPAH"),
        new("Lampu penerangan jalan mati, gelap di malam hari", "PJU"),
        new("lampu jalan gak nyala sdh 2 minggu", "PJU"),
        new("PJU padam sepanjang jalan, rawan kejahatan", "PJU"),
        new("tiang lampu mati total gelap gulita", "PJU"),
        new("Pembuatan KTP elektronik lama sekali, blanko habis", "KEPENDUDUKAN"),
        new("kk sy blm jadi padahal sdh 2 bulan", "KEPENDUDUKAN"),
        new("akta kelahiran anak belum terbit di dukcapil", "KEPENDUDUKAN"),
        new("ktp hilang mau urus baru ribet", "KEPENDUDUKAN"),
    ];

    [Fact]
    public void Train_FixedSeed_SameExamplesGiveSameScores()
    {
        var first = TextClassifier.Train(Examples);
        var second = TextClassifier.Train(Examples);

        var text = "lampu di gang kami mati dan sampah numpuk";
        Assert.Equal(first.Predict(text), second.Predict(text));
    }

    [Fact]
    public void SaveAndLoad_Model_PredictsTheSame()
    {
        var model = TextClassifier.Train(Examples);
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;

        var loaded = TextClassifier.Load(stream);

        Assert.Equal(model.Predict("jalan bolong"), loaded.Predict("jalan bolong"));
        Assert.Equal(["JALAN", "KEPENDUDUKAN", "PJU", "SAMPAH"], loaded.Labels.Order());
    }

    [Theory]
    [InlineData("jalanan depan rumah berlubang, aspalnya rusak", "JALAN")]
    [InlineData("Sampah di TPS numpuk gk diangkut", "SAMPAH")]
    [InlineData("lampu penerangan jalan di gang mati, gelap", "PJU")]
    [InlineData("ngurus KTP sama KK lama bgt", "KEPENDUDUKAN")]
    [InlineData("smpah menumpk bau", "SAMPAH")] // typos
    public void Predict_ObviousCase_ReturnsItsLabelFirst(string text, string expected)
    {
        var model = TextClassifier.Train(Examples);

        var scores = model.Predict(text);

        Assert.Equal(expected, scores[0].Label);
        Assert.Equal(1.0, scores.Sum(s => s.Score), 3);
    }

    [Fact]
    public void Train_OneLabelOnly_Throws() =>
        Assert.Throws<ArgumentException>(() => TextClassifier.Train(Examples.Where(e => e.Label == "PJU")));
}
