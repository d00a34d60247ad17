namespace Aduan.Triage;

/// <summary>
/// The fallback while the city's history is too small to train on: words typical of each seeded
/// category, plus the words of every category's own name (so a category an admin adds is found
/// by its name). A category's score is its share of the matched words.
/// </summary>
public static class CategoryKeywords
{
    private static readonly Dictionary<string, string[]> Seeded = new(StringComparer.OrdinalIgnoreCase)
    {
        ["KESEHATAN"] = ["puskesmas", "dokter", "obat", "bpjs", "berobat", "posyandu", "demam", "sakit", "bidan", "vaksin"],
        ["CORONA"] = ["covid", "corona", "isolasi", "karantina", "swab", "pcr"],
        ["KEPENDUDUKAN"] = ["ktp", "kartu", "keluarga", "penduduk", "akta", "kelahiran", "dukcapil", "nik", "pindah", "domisili"],
        ["PAJAK"] = ["pajak", "pbb", "bphtb", "retribusi", "tagihan", "sppt"],
        ["PENDIDIKAN"] = ["sekolah", "guru", "murid", "siswa", "ppdb", "zonasi", "kelas", "ijazah", "dasar", "menengah"],
        ["JALAN"] = ["jalan", "berlubang", "lubang", "aspal", "jembatan", "retak", "rusak", "trotoar", "gang"],
        ["BANJIR"] = ["banjir", "genangan", "tergenang", "drainase", "selokan", "got", "saluran", "kali", "tanggul", "mampet"],
        ["TATARUANG"] = ["bangunan", "imb", "pbg", "liar", "izin", "gedung", "tata", "ruang"],
        ["PERMUKIMAN"] = ["perumahan", "psu", "fasos", "fasum", "rumah", "permukiman", "kumuh"],
        ["PJU"] = ["lampu", "penerangan", "pju", "gelap", "padam", "tiang"],
        ["SAMPAH"] = ["sampah", "tps", "pembuangan", "kebersihan", "bau", "menumpuk", "angkut", "diangkut"],
        ["LINGKUNGAN"] = ["pencemaran", "limbah", "polusi", "asap", "pabrik", "pohon", "udara", "bising"],
        ["PERHUBUNGAN"] = ["parkir", "macet", "kemacetan", "angkot", "lalu", "lintas", "rambu", "terminal", "ojek", "bus"],
        ["SOSIAL"] = ["bansos", "bantuan", "sosial", "pkh", "miskin", "sembako", "lansia", "disabilitas"],
        ["KETENAGAKERJAAN"] = ["kerja", "gaji", "upah", "phk", "pekerja", "buruh", "pesangon", "lowongan", "kartu", "kuning"],
        ["PERDAGANGAN"] = ["pasar", "harga", "pedagang", "timbangan", "minyak", "konsumen", "toko"],
        ["PERIZINAN"] = ["izin", "perizinan", "nib", "usaha", "oss", "investasi"],
        ["KETERTIBAN"] = ["pkl", "satpol", "pp", "preman", "gelandangan", "pengemis", "ketertiban", "ribut", "tawuran"],
        ["KEBAKARAN"] = ["kebakaran", "terbakar", "api", "damkar", "pemadam", "hidran"],
        ["BENCANA"] = ["bencana", "longsor", "puting", "beliung", "gempa", "pengungsi", "roboh"],
        ["PEREMPUANANAK"] = ["kekerasan", "anak", "perempuan", "pelecehan", "kdrt", "istri"],
        ["AIRBERSIH"] = ["pdam", "air", "bersih", "keruh", "mengalir", "pipa", "meteran"],
        ["RUMAHSAKIT"] = ["rumah", "sakit", "rsud", "igd", "pasien", "rawat", "inap", "perawat"],
        ["KEPEGAWAIAN"] = ["pegawai", "asn", "pns", "honorer", "pelayanan", "petugas", "bolos"],
        ["PUNGLI"] = ["pungli", "pungutan", "suap", "calo", "uang", "bayar", "amplop"],
        ["TIK"] = ["aplikasi", "website", "internet", "wifi", "server", "sistem", "online", "situs"],
    };

    /// <summary>Categories whose words occur in the text, with their share of the matches; empty when none match.</summary>
    public static IReadOnlyList<ScoredLabel> Score(string text, IEnumerable<(string Code, string Name)> categories)
    {
        var tokens = TextNormalizer.Tokens(text).ToHashSet(StringComparer.Ordinal);
        var hits = new List<(string Code, int Hits)>();
        foreach (var (code, name) in categories)
        {
            var words = Seeded.GetValueOrDefault(code, []).Concat(TextNormalizer.Tokens(name).Where(w => w.Length >= 4))
                .Distinct(StringComparer.Ordinal);
            var n = words.Count(tokens.Contains);
            if (n > 0)
            {
                hits.Add((code, n));
            }
        }

        double total = hits.Sum(h => h.Hits);
        return hits.Select(h => new ScoredLabel(h.Code, h.Hits / total))
            .OrderByDescending(s => s.Score).ThenBy(s => s.Label, StringComparer.Ordinal).ToList();
    }
}
