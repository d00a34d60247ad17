namespace Aduan.Bench.Data;

/// <summary>
/// Words for realistic reports from Kota Bekasi: how often each category is reported, what
/// citizens write about it, streets, kelurahan per kecamatan and names. Placeholders in the
/// templates: {jalan}, {kel}, {kec}, {n}, {tempat}.
/// </summary>
public static class IndonesianTexts
{
    /// <summary>Relative share of reports per category, roughly as a city complaint desk sees them.</summary>
    public static readonly IReadOnlyDictionary<string, double> CategoryWeights = new Dictionary<string, double>
    {
        ["JALAN"] = 14, ["BANJIR"] = 10, ["SAMPAH"] = 9, ["KEPENDUDUKAN"] = 8, ["PJU"] = 7, ["KETERTIBAN"] = 6,
        ["PERHUBUNGAN"] = 6, ["KESEHATAN"] = 5, ["PENDIDIKAN"] = 5, ["SOSIAL"] = 5, ["LINGKUNGAN"] = 4, ["AIRBERSIH"] = 4,
        ["PERMUKIMAN"] = 3, ["TATARUANG"] = 3, ["LAINNYA"] = 3, ["PAJAK"] = 2, ["KETENAGAKERJAAN"] = 2, ["PERIZINAN"] = 2,
        ["RUMAHSAKIT"] = 2, ["PERDAGANGAN"] = 1, ["KEPEGAWAIAN"] = 1, ["PUNGLI"] = 1, ["TIK"] = 1, ["PEREMPUANANAK"] = 1,
        ["KEBAKARAN"] = 0.5, ["BENCANA"] = 0.5, ["CORONA"] = 0.2,
    };

    public static readonly IReadOnlyDictionary<string, string[]> Templates = new Dictionary<string, string[]>
    {
        ["JALAN"] =
        [
            "Jalan rusak parah dan berlubang di {jalan} dekat {tempat}, Kelurahan {kel}. Sudah {n} bulan tidak diperbaiki dan sering terjadi kecelakaan motor.",
            "Aspal {jalan} mengelupas dan berlubang dalam, kalau hujan tergenang sehingga lubang tidak terlihat. Mohon segera ditambal.",
            "Jembatan kecil di {jalan} RT 0{n} Kelurahan {kel} retak dan pagar pengamannya patah, berbahaya untuk anak sekolah.",
        ],
        ["BANJIR"] =
        [
            "Setiap hujan deras {jalan} depan {tempat} banjir setinggi lutut karena saluran drainase tersumbat sampah dan lumpur.",
            "Got di RT 0{n} RW 0{n} Kelurahan {kel} mampet dan meluap ke rumah warga. Mohon dilakukan pengerukan saluran.",
            "Tanggul kali di dekat {tempat} jebol, air masuk ke permukiman warga Kelurahan {kel} Kecamatan {kec}.",
        ],
        ["SAMPAH"] =
        [
            "Sampah menumpuk di pinggir {jalan} dekat {tempat} sudah {n} hari tidak diangkut, bau menyengat dan banyak lalat.",
            "Ada tempat pembuangan sampah liar di lahan kosong Kelurahan {kel}. Warga membakar sampah setiap malam sehingga asapnya mengganggu.",
            "Truk sampah tidak datang ke RW 0{n} Kelurahan {kel} selama seminggu, tong sampah warga sudah penuh.",
        ],
        ["KEPENDUDUKAN"] =
        [
            "Sudah {n} bulan mengurus KTP-el di Disdukcapil tetapi belum jadi juga, setiap ditanya jawabannya blangko habis.",
            "Pengurusan akta kelahiran anak saya di Kelurahan {kel} dipersulit, diminta kembali berkali-kali dengan syarat berbeda.",
            "Data KK saya tidak sinkron dengan NIK sehingga tidak bisa mendaftar BPJS. Mohon bantuan perbaikan data kependudukan.",
        ],
        ["PJU"] =
        [
            "Lampu penerangan jalan umum di {jalan} dekat {tempat} mati sudah {n} minggu, malam hari sangat gelap dan rawan begal.",
            "Tiang PJU di {jalan} Kelurahan {kel} miring dan kabelnya menjuntai, membahayakan pengendara.",
        ],
        ["KETERTIBAN"] =
        [
            "Pedagang kaki lima berjualan di trotoar {jalan} depan {tempat} sehingga pejalan kaki harus turun ke jalan.",
            "Ada bangunan liar di bantaran kali Kelurahan {kel} dan sering dipakai nongkrong sampai larut malam, warga resah.",
        ],
        ["PERHUBUNGAN"] =
        [
            "Parkir liar di bahu {jalan} dekat {tempat} membuat macet setiap sore, juru parkir meminta tarif di atas ketentuan.",
            "Lampu lalu lintas di simpang {jalan} mati sejak {n} hari lalu, terjadi kemacetan panjang pada jam berangkat kerja.",
        ],
        ["KESEHATAN"] =
        [
            "Puskesmas Kelurahan {kel} tutup sebelum jam pelayanan berakhir, warga yang datang pukul 13.00 tidak dilayani.",
            "Banyak warga RW 0{n} Kelurahan {kel} terkena demam berdarah, mohon dilakukan fogging dan pemeriksaan jentik.",
        ],
        ["PENDIDIKAN"] =
        [
            "Sekolah negeri di Kelurahan {kel} memungut biaya seragam dan buku yang mahal, padahal katanya sekolah gratis.",
            "Atap ruang kelas SD di dekat {tempat} bocor dan plafonnya hampir runtuh, murid terpaksa belajar di teras.",
        ],
        ["SOSIAL"] =
        [
            "Keluarga kami termasuk warga tidak mampu di Kelurahan {kel} tetapi tidak pernah menerima bansos, sementara yang mampu malah dapat.",
            "Ada orang dengan gangguan jiwa terlantar di sekitar {tempat} {jalan}, mohon dibantu penanganannya.",
        ],
        ["LINGKUNGAN"] =
        [
            "Pabrik di dekat {tempat} membuang limbah ke kali sehingga air berwarna hitam dan berbau, ikan-ikan mati.",
            "Asap pembakaran dari usaha di Kelurahan {kel} setiap malam membuat warga sesak napas.",
        ],
        ["AIRBERSIH"] =
        [
            "Air PDAM di RW 0{n} Kelurahan {kel} tidak mengalir sudah {n} hari, kalaupun mengalir keruh dan berbau.",
            "Pipa PDAM bocor di {jalan} depan {tempat}, air terbuang percuma dan jalan jadi licin.",
        ],
    };

    public static readonly string[] GenericTemplates =
    [
        "Mohon perhatian terkait {topik} di Kelurahan {kel} Kecamatan {kec}. Masalah ini sudah {n} kali dilaporkan ke kelurahan tetapi belum ada tindak lanjut.",
        "Saya ingin menyampaikan keluhan tentang {topik} di dekat {tempat} {jalan}. Warga sekitar sangat dirugikan.",
    ];

    /// <summary>What the generic templates say a report is about ({topik}), for categories without their own.</summary>
    public static readonly IReadOnlyDictionary<string, string> Topics = new Dictionary<string, string>
    {
        ["TATARUANG"] = "bangunan tanpa PBG yang menutup saluran", ["PERMUKIMAN"] = "fasilitas umum perumahan yang rusak",
        ["PAJAK"] = "tagihan PBB yang tidak sesuai luas tanah", ["KETENAGAKERJAAN"] = "gaji karyawan pabrik di bawah UMK",
        ["PERIZINAN"] = "izin usaha yang tidak kunjung terbit", ["RUMAHSAKIT"] = "pelayanan IGD RSUD yang sangat lambat",
        ["PERDAGANGAN"] = "timbangan pedagang pasar yang tidak sesuai", ["KEPEGAWAIAN"] = "pegawai kelurahan yang tidak ada di tempat",
        ["PUNGLI"] = "pungutan liar saat mengurus surat pengantar", ["TIK"] = "aplikasi layanan daring Pemkot yang sering error",
        ["PEREMPUANANAK"] = "dugaan kekerasan terhadap anak di lingkungan kami", ["KEBAKARAN"] = "hidran kebakaran yang tidak berfungsi",
        ["BENCANA"] = "pohon besar yang hampir tumbang", ["CORONA"] = "jadwal vaksinasi yang tidak jelas",
    };

    public static readonly string[] Closings =
    [
        "Mohon segera ditindaklanjuti.", "Terima kasih atas perhatiannya.", "Warga sangat terganggu.",
        "Mohon dicek ke lokasi.", "Sudah pernah lapor ke RT/RW tetapi belum ada hasil.", "Foto bisa saya kirim bila diperlukan.",
        "Semoga cepat ditangani sebelum ada korban.", "Kami menunggu respon dari dinas terkait.",
    ];

    public static readonly string[] Titles =
    [
        "Mohon segera diperbaiki", "Keluhan warga", "Sudah lama tidak ditangani", "Laporan warga {kel}", "Tolong ditindaklanjuti",
    ];

    public static readonly string[] FollowUps =
    [
        "Tim sudah turun ke lokasi dan pekerjaan perbaikan telah selesai dilaksanakan.",
        "Telah dilakukan penanganan oleh petugas lapangan; mohon konfirmasi bila masalah masih terjadi.",
        "Laporan sudah ditindaklanjuti bersama kelurahan setempat dan akan dipantau secara berkala.",
        "Perbaikan dijadwalkan dan telah dikerjakan sesuai prioritas anggaran tahun berjalan.",
    ];

    public static readonly string[] Streets =
    [
        "Jl. Ahmad Yani", "Jl. Ir. H. Juanda", "Jl. Chairil Anwar", "Jl. Siliwangi", "Jl. Pekayon Raya", "Jl. KH Noer Ali",
        "Jl. Narogong Raya", "Jl. Cut Meutia", "Jl. Hankam Raya", "Jl. Raya Jatiwaringin", "Jl. Pramuka", "Jl. Agus Salim",
        "Jl. Sultan Agung", "Jl. Perjuangan", "Jl. Mustikasari", "Jl. Kemakmuran", "Jl. Pulo Ribung", "Jl. Wibawa Mukti",
        "Jl. Caman Raya", "Jl. Kalimalang",
    ];

    public static readonly string[] Places =
    [
        "pasar", "SDN 3", "masjid", "puskesmas", "minimarket", "pertigaan", "perumahan", "stasiun", "terminal", "kantor kelurahan",
        "pos ronda", "lapangan", "jembatan", "sekolah", "gereja", "mal",
    ];

    public static readonly IReadOnlyDictionary<string, string[]> Kelurahan = new Dictionary<string, string[]>
    {
        ["Bantar Gebang"] = ["Ciketing Udik", "Cikiwul", "Sumur Batu"],
        ["Bekasi Barat"] = ["Bintara", "Kranji", "Kota Baru", "Jakasampurna"],
        ["Bekasi Selatan"] = ["Pekayon Jaya", "Jakasetia", "Kayuringin Jaya", "Marga Jaya"],
        ["Bekasi Timur"] = ["Aren Jaya", "Bekasi Jaya", "Duren Jaya", "Margahayu"],
        ["Bekasi Utara"] = ["Harapan Jaya", "Kaliabang Tengah", "Perwira", "Teluk Pucung"],
        ["Jatiasih"] = ["Jatiasih", "Jatimekar", "Jatiluhur", "Jatirasa"],
        ["Jatisampurna"] = ["Jatisampurna", "Jatikarya", "Jatiranggon"],
        ["Medan Satria"] = ["Harapan Mulya", "Medan Satria", "Pejuang", "Kali Baru"],
        ["Mustika Jaya"] = ["Mustika Jaya", "Padurenan", "Cimuning", "Mustikasari"],
        ["Pondok Gede"] = ["Jatibening", "Jatiwaringin", "Jaticempaka", "Jatimakmur"],
        ["Pondok Melati"] = ["Jatimurni", "Jatiwarna", "Jatirahayu", "Jatimelati"],
        ["Rawalumbu"] = ["Bojong Menteng", "Pengasinan", "Sepanjang Jaya", "Bojong Rawalumbu"],
    };

    public static readonly string[] FirstNames =
    [
        "Budi", "Siti", "Agus", "Dewi", "Rina", "Andi", "Sri", "Eko", "Wahyu", "Nur", "Ahmad", "Fitri", "Yusuf", "Rudi", "Ani",
        "Dian", "Hendra", "Indah", "Joko", "Lestari", "Bambang", "Putri", "Rizki", "Sari", "Teguh", "Wati", "Fajar", "Ratna",
    ];

    public static readonly string[] LastNames =
    [
        "Santoso", "Wijaya", "Saputra", "Hidayat", "Pratama", "Kurniawan", "Nugroho", "Rahmawati", "Setiawan", "Siregar",
        "Nasution", "Simanjuntak", "Gunawan", "Susanti", "Permana", "Syahputra", "Halim", "Purnomo",
    ];

    /// <summary>Mobile prefixes of Indonesian operators, which the app's phone check accepts.</summary>
    public static readonly string[] MobilePrefixes = ["0811", "0812", "0813", "0821", "0822", "0852", "0853", "0857", "0878", "0896"];
}
