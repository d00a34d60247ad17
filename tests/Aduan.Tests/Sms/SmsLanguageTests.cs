using Aduan.Sms;

namespace Aduan.Tests.Sms;

[Trait("Category", "NoDatabase")]
public sealed class SmsLanguageTests
{
    private const string Keyword = "BKSKOTA";

    [Theory]
    [InlineData("BKSKOTA jalan rusak di depan pasar Bekasi Timur", "jalan rusak di depan pasar Bekasi Timur")]
    [InlineData("bkskota jalan rusak di depan pasar", "jalan rusak di depan pasar")]
    [InlineData("BKSKOTA ADUAN jalan rusak di depan pasar", "jalan rusak di depan pasar")]
    [InlineData("BKSKOTA aduan: jalan rusak di depan pasar", "jalan rusak di depan pasar")]
    [InlineData("BKSKOTA: jalan rusak di depan pasar", "jalan rusak di depan pasar")]
    [InlineData("BKSKOTA:jalan rusak di depan pasar", "jalan rusak di depan pasar")]
    [InlineData("bks kota jalan rusak di depan pasar", "jalan rusak di depan pasar")]
    [InlineData("Bks.Kota - jalan rusak di depan pasar", "jalan rusak di depan pasar")]
    [InlineData("BKS-KOTA, jalan rusak di depan pasar", "jalan rusak di depan pasar")]
    [InlineData("#BKSKOTA jalan rusak di depan pasar", "jalan rusak di depan pasar")]
    [InlineData("  *BKSKOTA*   jalan   rusak\n di depan pasar ", "jalan rusak di depan pasar")]
    [InlineData("BKSKOTA LAPOR lampu PJU mati di Gg. Mawar RT 03", "lampu PJU mati di Gg. Mawar RT 03")]
    [InlineData("BKSKOTA Lampu jalan mati 3 hari", "Lampu jalan mati 3 hari")]
    [InlineData("BKSKOTA info lampu jalan mati di Jl. Ahmad Yani", "info lampu jalan mati di Jl. Ahmad Yani")]
    [InlineData("BKSKOTA cek saluran air tersumbat sejak seminggu di RW 05", "cek saluran air tersumbat sejak seminggu di RW 05")]
    public void Parse_KeywordAndText_NewReportWithTheText(string sms, string expected)
    {
        var command = SmsLanguage.Parse(sms, Keyword);

        Assert.Equal(expected, Assert.IsType<SmsCommand.NewReport>(command).Text);
    }

    [Theory]
    [InlineData("BKSKOTA")]
    [InlineData("bkskota ")]
    [InlineData("BKSKOTA ADUAN")]
    [InlineData("BKSKOTA: rusak")]
    [InlineData("#bks kota ??!!")]
    [InlineData("BKSKOTA 123456789012")]
    public void Parse_KeywordWithTooLittle_TooShort(string sms) =>
        Assert.IsType<SmsCommand.TooShort>(SmsLanguage.Parse(sms, Keyword));

    [Theory]
    [InlineData("BKSKOTA CEK K7M2Q-XP4RT", "K7M2Q-XP4RT")]
    [InlineData("bkskota cek k7m2qxp4rt", "k7m2qxp4rt")]
    [InlineData("BKSKOTA CEK K7M2Q XP4RT", "K7M2Q XP4RT")]
    [InlineData("BKSKOTA: cek: K7M2Q-XP4RT.", "K7M2Q-XP4RT.")]
    [InlineData("bks kota status K7M2Q-XP4RT", "K7M2Q-XP4RT")]
    [InlineData("BKSKOTA LACAK K7M2Q-XP4RT", "K7M2Q-XP4RT")]
    [InlineData("BKSKOTA CEK", "")]
    public void Parse_Check_CodeAsTyped(string sms, string code) =>
        Assert.Equal(code, Assert.IsType<SmsCommand.Check>(SmsLanguage.Parse(sms, Keyword)).Code);

    [Theory]
    [InlineData("BKSKOTA INFO")]
    [InlineData("bkskota bantuan")]
    [InlineData("BKSKOTA BANTUAN?")]
    [InlineData("BKS KOTA MENU")]
    [InlineData("bkskota help")]
    public void Parse_HelpWord_Help(string sms) => Assert.IsType<SmsCommand.Help>(SmsLanguage.Parse(sms, Keyword));

    [Theory]
    [InlineData("BKSKOTA BALAS K7M2Q-XP4RT di RT 03 RW 05 dekat masjid", "K7M2Q-XP4RT", "di RT 03 RW 05 dekat masjid")]
    [InlineData("bkskota balas k7m2qxp4rt: gang mawar no 5", "k7m2qxp4rt:", "gang mawar no 5")]
    [InlineData("BKSKOTA BALAS K7M2Q XP4RT sudah saya kirim fotonya", "K7M2QXP4RT", "sudah saya kirim fotonya")]
    [InlineData("BKSKOTA JAWAB K7M2Q-XP4RT", "K7M2Q-XP4RT", "")]
    public void Parse_Reply_CodeAndText(string sms, string code, string text)
    {
        var reply = Assert.IsType<SmsCommand.Reply>(SmsLanguage.Parse(sms, Keyword));

        Assert.Equal(code, reply.Code);
        Assert.Equal(text, reply.Text);
    }

    [Theory]
    [InlineData("di RT 03 RW 05, dekat masjid")]
    [InlineData("BKS jalan rusak")]
    [InlineData("Selamat! Anda memenangkan hadiah, hubungi 0812...")]
    [InlineData("")]
    public void Parse_NoKeyword_Plain(string sms) => Assert.IsType<SmsCommand.Plain>(SmsLanguage.Parse(sms, Keyword));

    [Theory]
    [InlineData("BKSKOTA HELP", true)]
    [InlineData("BKSKOTA CHECK K7M2Q-XP4RT", true)]
    [InlineData("BKSKOTA REPLY K7M2Q-XP4RT it is in front of the mosque", true)]
    [InlineData("BKSKOTA the street light in front of my house is broken", true)]
    [InlineData("BKSKOTA jalan rusak di depan pasar Bekasi Timur", false)]
    [InlineData("BKSKOTA INFO", false)]
    [InlineData("BKSKOTA CEK K7M2Q-XP4RT", false)]
    [InlineData("BKSKOTA lampu PJU di Jl. Cut Meutia mati, tolong segera", false)]
    public void Parse_Language_EnglishWhenTheMessageIs(string sms, bool english) =>
        Assert.Equal(english, SmsLanguage.Parse(sms, Keyword).English);

    [Fact]
    public void Parse_OtherKeyword_UsesIt()
    {
        Assert.IsType<SmsCommand.NewReport>(SmsLanguage.Parse("lapor kota jalan rusak parah di sini", "LAPORKOTA"));
        Assert.IsType<SmsCommand.Plain>(SmsLanguage.Parse("BKSKOTA jalan rusak parah di sini", "LAPORKOTA"));
    }

    [Fact]
    public void Parse_GeneratedGarbage_NeverThrowsAndKeepsTheTextItWasGiven()
    {
        var random = new Random(1708);
        const string pieces = "BKSKOTA bks kota CEK BALAS INFO ADUAN #:-., \n\t\u200B\uFEFF\0😀🇮🇩é€[]^~ K7M2Q-XP4RT 0812";
        for (var i = 0; i < 5000; i++)
        {
            var chars = Enumerable.Range(0, random.Next(0, 200)).Select(_ => random.Next(4) == 0
                ? (char)random.Next(0, 0xFFFF)
                : pieces[random.Next(pieces.Length)]).ToArray();
            var sms = new string(chars);

            var command = SmsLanguage.Parse(sms, Keyword);

            Assert.NotNull(command.Intent);
            if (command is SmsCommand.NewReport r)
            {
                Assert.True(r.Text.Length >= 10);
            }
        }
    }

    [Theory]
    [InlineData("Selamat! Nomor Anda memenangkan hadiah 50jt, klik bit.ly/xyz", true)]
    [InlineData("PROMO pulsa murah! Diskon 50% hari ini", true)]
    [InlineData("Info lengkap: https://contoh.example/promo", true)]
    [InlineData("Butuh pinjaman cepat? transfer ke rekening ini", true)]
    [InlineData("di RT 03 RW 05, dekat masjid Al-Ikhlas", false)]
    [InlineData("sudah saya kirim fotonya ke petugas", false)]
    [InlineData("hadiah untuk anak-anak di taman rusak", false)]
    public void LooksLikeNoise_AdvertisingNotCitizens(string sms, bool noise) =>
        Assert.Equal(noise, SmsLanguage.LooksLikeNoise(sms));
}
