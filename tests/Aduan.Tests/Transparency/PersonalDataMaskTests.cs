using System.Text;
using System.Text.RegularExpressions;
using Aduan.Transparency;

namespace Aduan.Tests.Transparency;

/// <summary>What citizens and officers really type, and the spellings that try to slip past the mask.</summary>
public sealed class PersonalDataMaskTests
{
    [Theory]
    [InlineData("Hubungi saya di 0812 3456 7890 ya", "Hubungi saya di [telepon] ya")]
    [InlineData("WA +62-812-3456-7890 (Siti)", "WA [telepon] (Siti)")]
    [InlineData("telp +62 812 3456 7890.", "telp [telepon].")]
    [InlineData("(+62) 812.3456.7890 kapan saja", "[telepon] kapan saja")]
    [InlineData("hp:081234567890", "hp:[telepon]")]
    [InlineData("nohp081234567890segera", "nohp[telepon]segera")]
    [InlineData("0 8 1 2 3 4 5 6 7 8 9 0", "[telepon]")]
    [InlineData("0812  3456  7890 atau 021-8895-1234", "[telepon] atau [telepon]")]
    [InlineData("wa.me/6281234567890", "wa.me/[telepon]")]
    public void Apply_PhoneNumbersWrittenAnyWay_AreMasked(string input, string expected) =>
        Assert.Equal(expected, PersonalDataMask.Apply(input));

    [Theory]
    [InlineData("NIK3275010101010001", "NIK[NIK]")]
    [InlineData("nomorNIKsaya3275010101010001ygbenar", "nomorNIKsaya[NIK]ygbenar")]
    [InlineData("NIK: 3275-0101-0101-0001, KK 3275012345678901.", "NIK: [NIK], KK [NIK].")]
    [InlineData("nik 32 75 01 01 01 01 00 01 a.n. Budi", "nik [NIK] a.n. [nama]")]
    [InlineData("NIK 3275.0101.0101.0001 hp 0812 3456 7890", "NIK [NIK] hp [telepon]")]
    public void Apply_NikInsideWordsOrGrouped_IsMasked(string input, string expected) =>
        Assert.Equal(expected, PersonalDataMask.Apply(input));

    [Theory]
    [InlineData("kirim ke siti.aminah@gmail.com segera", "kirim ke [email] segera")]
    [InlineData("SITI@CONTOH.CO.ID", "[email]")]
    [InlineData("siti [at] contoh [dot] id", "[email]")]
    [InlineData("siti(at)contoh(dot)co(dot)id ya", "[email] ya")]
    public void Apply_EmailsAlsoSpelledOut_AreMasked(string input, string expected) =>
        Assert.Equal(expected, PersonalDataMask.Apply(input));

    [Theory]
    [InlineData("Rumah saya di Jl. Melati No. 12 RT 03/RW 05, Bekasi Timur kebanjiran.", "Rumah saya di Jl. Melati [alamat], Bekasi Timur kebanjiran.")]
    [InlineData("Perum Bumi Bekasi Baru Blok C2 No. 15 rt.003/rw.011", "Perum Bumi Bekasi Baru [alamat]")]
    [InlineData("alamat Gg. Mawar 7 RT 2 RW 9 Kel. Margahayu", "alamat Gg. Mawar [alamat] Kel. Margahayu")]
    [InlineData("Jalan Kenari Nomor 4A, dekat masjid", "Jalan Kenari [alamat], dekat masjid")]
    [InlineData("Komplek Pemda Kav. 7", "Komplek Pemda [alamat]")]
    public void Apply_AHouseholdsAddress_KeepsTheStreetMasksTheHouse(string input, string expected) =>
        Assert.Equal(expected, PersonalDataMask.Apply(input));

    [Theory]
    [InlineData("Dilaporkan oleh Bapak Budi Santoso kemarin", "Dilaporkan oleh Bapak [nama] kemarin")]
    [InlineData("Sudah dihubungi Bpk. Joko dan Ibu Siti Aminah.", "Sudah dihubungi Bpk. [nama] dan Ibu [nama].")]
    [InlineData("Sdri. Rina sudah dikonfirmasi", "Sdri. [nama] sudah dikonfirmasi")]
    public void Apply_NamesAfterAnHonorific_AreMasked(string input, string expected) =>
        Assert.Equal(expected, PersonalDataMask.Apply(input));

    [Theory]
    [InlineData("Jalan di Jl. Ahmad Yani depan Stasiun Bekasi berlubang, tahun 2026, Rp 150.000")]
    [InlineData("Warga RT 03 RW 05 kebanjiran sejak subuh")]
    [InlineData("Sesuai Perda No. 5 Tahun 2020 tentang ketertiban umum")]
    [InlineData("Jl. Raya Bekasi Km 27 macet total")]
    [InlineData("Anggaran Rp 62.000.000.000 dan Rp62.500.000.000 untuk drainase")]
    [InlineData("Sudah dilaporkan ke Bapak Wali Kota dan Pak Camat; ibu kota provinsi")]
    [InlineData("Laporan ADU-7K3M-9PQ2 ditindaklanjuti pukul 08.30 WIB")]
    public void Apply_PublicFacts_AreKept(string input) =>
        Assert.Equal(input, PersonalDataMask.Apply(input));

    [Theory]
    [InlineData("a")]
    [InlineData("a.")]
    [InlineData("1 ")]
    [InlineData("Jl. A ")]
    [InlineData("No. 1 RT 1/")]
    [InlineData("Bapak A ")]
    [InlineData("x at ")]
    [InlineData("a@")]
    [InlineData("a @ a . ")]
    [InlineData("0812 ")]
    [InlineData("+62-")]
    public void Apply_LongestTextOfRepeatedPieces_FinishesWithoutRegexTimeout(string piece)
    {
        var text = string.Concat(Enumerable.Repeat(piece, 4000 / piece.Length));

        var masked = PersonalDataMask.Apply(text);

        Assert.NotNull(masked);
    }

    /// <summary>The second review's spellings: what a reader takes for a number, an address, a name.</summary>
    [Theory]
    [InlineData("hp ０８１２ ３４５６ ７８９０", "hp [telepon]")]
    [InlineData("hp 0812\u200B3456\u200B7890", "hp [telepon]")]
    [InlineData("hp 0812_3456_7890", "hp [telepon]")]
    [InlineData("hp 0812/3456/7890", "hp [telepon]")]
    [InlineData("hp 0812\u20133456\u20137890 atau +62\u2013812\u20133456\u20137890", "hp [telepon] atau [telepon]")]
    [InlineData("hp 0812·3456·7890", "hp [telepon]")]
    [InlineData("hp 0812,3456,7890", "hp [telepon]")]
    [InlineData("hp \u0660\u0668\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660", "hp [telepon]")]
    [InlineData("hp \U0001D7CE\U0001D7D6\U0001D7CF\U0001D7D0 3456 7890", "hp [telepon]")]
    [InlineData("hp O812 3456 7890", "hp [telepon]")]
    [InlineData("NIK 3275\u20130101\u20130101\u20130001", "NIK [NIK]")]
    [InlineData("NIK 3275_0101_0101_0001", "NIK [NIK]")]
    [InlineData("NIK 3275,0101,0101,0001", "NIK [NIK]")]
    [InlineData("kirim ke budi＠gmail.com", "kirim ke [email]")]
    [InlineData("kirim ke budi@gmail．com", "kirim ke [email]")]
    [InlineData("kirim ke budi [at] gmail [.] com", "kirim ke [email]")]
    [InlineData("kirim ke büdi@gmäil.com", "kirim ke [email]")]
    [InlineData("dihubungi ibu Siti Aminah", "dihubungi ibu [nama]")]
    [InlineData("dihubungi BAPAK BUDI SANTOSO", "dihubungi BAPAK [nama]")]
    [InlineData("rumah Haji Ahmad", "rumah Haji [nama]")]
    [InlineData("alamat Gg. Mawar II/7", "alamat Gg. Mawar II/[alamat]")]
    [InlineData("rumah di Cluster Anggrek C-12 banjir", "rumah di Cluster Anggrek [alamat] banjir")]
    [InlineData("rumah pak budi santoso kebanjiran, ibu siti aminah juga", "rumah pak [nama] kebanjiran, ibu [nama] juga")]
    [InlineData("rumah saya di jl. melati 12", "rumah saya di jl. melati [alamat]")]
    [InlineData("jln mawar 7 rt 3 rw 5", "jln mawar [alamat]")]
    [InlineData("alamat: jalan cempaka putih 21", "alamat: jalan cempaka putih [alamat]")]
    [InlineData("cluster anggrek c-12", "cluster anggrek [alamat]")]
    [InlineData("dihubungi Kak Rina Marlina dan Bang Jali", "dihubungi Kak [nama] dan Bang [nama]")]
    [InlineData("transfer a.n. Budi Santoso", "transfer a.n. [nama]")]
    [InlineData("diperiksa dr. Budi Santoso", "diperiksa dr. [nama]")]
    public void Apply_SpellingsAReaderReadsAsTheSame_AreMasked(string input, string expected) =>
        Assert.Equal(expected, PersonalDataMask.Apply(System.Text.RegularExpressions.Regex.Unescape(input)));

    [Theory]
    [InlineData("Warga Perumahan Griya Asri RT 5 kebanjiran")]
    [InlineData("jalan rusak 3 hari tidak diperbaiki, jalan raya bekasi km 27 macet")]
    [InlineData("sudah lapor ke pak rt dan pak camat, ibu ibu warga resah")]
    [InlineData("dr kemarin lampu mati")]
    [InlineData("ibu kota provinsi dan Bapak Wali Kota")]
    public void Apply_PublicFactsInOtherSpellings_AreKept(string input) =>
        Assert.Equal(input, PersonalDataMask.Apply(input));

    /// <summary>
    /// The class of the second review's finding: a number written with any digits a reader knows
    /// (ASCII, fullwidth, Arabic-Indic, Devanagari, mathematical), any separators people type, and
    /// invisible characters between the digits. None of its digit groups may survive the mask.
    /// </summary>
    [Fact]
    public void Apply_GeneratedSpellingsOfPhonesAndNiks_LeaveNoDigitRun()
    {
        int[] zeros = ['0', 0xFF10, 0x0660, 0x06F0, 0x0966, 0x1D7CE, 0x1D7EC];
        string[] separators = [" ", "-", ".", "_", ",", "/", "·", "\u2013", "\u2014", "\u2212", " - ", ". "];
        string[] invisible = ["", "", "\u200B", "\u200C", "\u2060", "\uFEFF", "\u00AD"];
        var random = new Random(20261203);
        for (var i = 0; i < 400; i++)
        {
            var nik = random.Next(2) == 0;
            var digits = nik
                ? "3275" + random.NextInt64(100_000_000_000, 999_999_999_999)
                : (random.Next(2) == 0 ? "08" : "628") + random.NextInt64(1_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture)[..random.Next(8, 11)];
            var zero = zeros[random.Next(zeros.Length)];
            var separator = System.Text.RegularExpressions.Regex.Unescape(separators[random.Next(separators.Length)]);
            var text = new StringBuilder("Hubungi saya di ");
            for (var d = 0; d < digits.Length; d++)
            {
                text.Append(char.ConvertFromUtf32(zero + (digits[d] - '0')));
                text.Append(System.Text.RegularExpressions.Regex.Unescape(invisible[random.Next(invisible.Length)]));
                if (d % 4 == 3 && d < digits.Length - 1)
                {
                    text.Append(separator);
                }
            }

            text.Append(" terima kasih.");

            var masked = PersonalDataMask.Apply(text.ToString())!;

            Assert.DoesNotMatch(@"\d{3}", PersonalDataMask.Fold(masked).Replace(" ", "", StringComparison.Ordinal));
            Assert.Contains(nik ? PersonalDataMask.Nik : PersonalDataMask.Phone, masked, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Apply_BlockAndNumberWordsAmongLongRunsOfSpaces_FinishesAndKeepsTheText()
    {
        var text = "Lampu jalan Blok" + new string(' ', 1300) + "No" + new string(' ', 1300) + "x mati total";

        var masked = PersonalDataMask.Apply(text);

        Assert.Equal(text, masked);
    }

    [Fact]
    public void Apply_MaskTimesOut_WithholdsTheWholeTextInsteadOfThrowing()
    {
        var masked = PersonalDataMask.Apply("Hubungi 0812 3456 7890", _ => throw new RegexMatchTimeoutException());

        Assert.Equal(PersonalDataMask.Withheld, masked);
    }

    /// <summary>
    /// Texts as long as a report may be, of long runs: a pattern that tries every split of a run hits
    /// its time limit on them (the review's example took it with 2,600 spaces) and the text would be
    /// withheld; a linear one masks them. No stopwatch: speed belongs in bench/.
    /// </summary>
    [Fact]
    public void Apply_GeneratedTextsOfLongRuns_AreMaskedWithinThePatternsTimeLimit()
    {
        const int length = Aduan.Complaints.Complaint.MaxTextLength;
        var random = new Random(20261210);

        for (var i = 0; i < 40; i++)
        {
            var text = RunsOfPieces(random, length);

            var masked = PersonalDataMask.Apply(text);

            Assert.NotEqual(PersonalDataMask.Withheld, masked);
        }
    }

    /// <summary>
    /// A few of the words the patterns start from (numbers, blocks, RT/RW, honorifics, e-mail spellings),
    /// each followed by a run of one of a few characters (spaces, line breaks, digits, separators), often
    /// thousands long: what makes a backtracking pattern try every way to split a run.
    /// </summary>
    private static string RunsOfPieces(Random random, int length)
    {
        string[] words = ["No", "Blok", "RT", "RW", "Bapak", "Ibu", "Sdr.", "[alamat]", "at", "@", "Jl."];
        char[] runs = [' ', ' ', '\n', '0', '-', '.', '/', ',', ':', ';'];
        var someWords = Enumerable.Range(0, 4).Select(_ => words[random.Next(words.Length)]).ToArray();
        var someRuns = Enumerable.Range(0, 2).Select(_ => runs[random.Next(runs.Length)]).ToArray();
        var text = new StringBuilder(length + 4000);
        while (text.Length < length)
        {
            text.Append(someWords[random.Next(someWords.Length)]);
            text.Append(someRuns[random.Next(someRuns.Length)], random.Next(2) == 0 ? random.Next(1000, 3000) : random.Next(1, 4));
        }

        return text.ToString(0, length);
    }
}
