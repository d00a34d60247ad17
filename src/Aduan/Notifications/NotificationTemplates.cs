using System.Text.RegularExpressions;

namespace Aduan.Notifications;

/// <summary>One text a party may receive, in Indonesian and English; <c>{name}</c> marks a value filled in when sent.</summary>
public sealed record NotificationTemplate(string Key, string Indonesian, string English)
{
    public string In(string language) => language == "en" ? English : Indonesian;
}

/// <summary>
/// Every text Aduan sends by SMS or e-mail, in one place (the admins read them on <c>/admin/notifications</c>).
/// Per event: <c>.Sms</c> (kept within one SMS of 160 GSM-7 characters where the values allow),
/// <c>.Subject</c> and <c>.Email</c>. Values: {code}, {link} (the tracking page), {key} (the reporter
/// key, e-mail only), {agency}, {text} (a question, follow-up or reason; withheld for Confidential
/// reports), {primary} (the report it was merged into); to staff also {category}, {place}, and in the
/// digest {count}, {open}, {overdue}; in the scheduled summaries {kind}, {scope}, {period} and {text} (the figures); in escalations
/// (<c>Escalation.*</c>) {clock} (an <c>Escalation.Clock.*</c> text), {due} (the deadline in WIB), {days} (the working days overdue,
/// or the Ombudsman's days) and {submitted}. To followers (<c>Follow.*</c>) also {confirm} (the confirmation
/// link), {hours} (how long it holds), {what} (a <c>Follow.What.*</c> text) and {stop} (the stop link).
/// </summary>
public static partial class NotificationTemplates
{
    public static readonly IReadOnlyList<NotificationTemplate> All =
    [
        new("Received.Sms", "Laporan Anda diterima. Kode: {code}. Cek status: {link}",
            "Your report was received. Code: {code}. Status: {link}"),
        new("Received.Subject", "Laporan {code} diterima", "Report {code} received"),
        new("Received.Email", "Terima kasih, laporan Anda sudah kami terima.\n\nKode laporan: {code}\nKunci pelapor: {key}\n\nSimpan kunci ini: dengan kunci ini Anda dapat membaca pesan untuk Anda, menjawab pertanyaan petugas, dan menilai tindak lanjutnya.\nLacak laporan: {link}",
            "Thank you, we have received your report.\n\nReport code: {code}\nReporter key: {key}\n\nKeep this key: with it you can read the messages for you, answer the officers' questions and rate the follow-up.\nTrack the report: {link}"),

        new("Dispatched.Sms", "Laporan {code} sudah diverifikasi dan diteruskan ke {agency}. Cek: {link}",
            "Report {code} was verified and sent to {agency}. Status: {link}"),
        new("Dispatched.Subject", "Laporan {code} diteruskan ke {agency}", "Report {code} sent to {agency}"),
        new("Dispatched.Email", "Laporan {code} sudah diverifikasi dan diteruskan ke {agency} untuk ditindaklanjuti.\n\nLacak laporan: {link}",
            "Report {code} was verified and sent to {agency} to act on.\n\nTrack the report: {link}"),

        new("Forwarded.Sms", "Laporan {code} dialihkan ke {agency}. Cek: {link}", "Report {code} was passed on to {agency}. Status: {link}"),
        new("Forwarded.Subject", "Laporan {code} dialihkan ke {agency}", "Report {code} passed on to {agency}"),
        new("Forwarded.Email", "Laporan {code} dialihkan ke {agency}, yang kini menanganinya.\n\nLacak laporan: {link}",
            "Report {code} was passed on to {agency}, which handles it now.\n\nTrack the report: {link}"),

        new("Deferred.Sms", "Laporan {code} perlu kelengkapan: {text} Balas SMS ini atau lewat {link}",
            "Report {code} needs more detail: {text} Reply to this SMS or at {link}"),
        new("Deferred.Subject", "Laporan {code}: petugas bertanya", "Report {code}: a question from the officers"),
        new("Deferred.Email", "Petugas memerlukan kelengkapan untuk laporan {code}:\n\n{text}\n\nJawab dengan kunci pelapor Anda di {link}",
            "The officers need more detail for report {code}:\n\n{text}\n\nAnswer with your reporter key at {link}"),

        new("FollowUp.Sms", "Tindak lanjut laporan {code}: {text}", "Follow-up on report {code}: {text}"),
        new("FollowUp.Subject", "Tindak lanjut laporan {code}", "Follow-up on report {code}"),
        new("FollowUp.Email", "Ada tindak lanjut untuk laporan {code}:\n\n{text}\n\nLacak dan nilai tindak lanjutnya dengan kunci pelapor Anda di {link}",
            "There is a follow-up on report {code}:\n\n{text}\n\nTrack it and rate the follow-up with your reporter key at {link}"),

        new("Resolved.Sms", "Laporan {code} selesai. Terima kasih. Cek: {link}", "Report {code} is resolved. Thank you. Status: {link}"),
        new("Resolved.Subject", "Laporan {code} selesai", "Report {code} resolved"),
        new("Resolved.Email", "Laporan {code} dinyatakan selesai. Terima kasih atas laporan Anda.\n\nLacak laporan: {link}",
            "Report {code} is resolved. Thank you for reporting.\n\nTrack the report: {link}"),

        new("Reopened.Sms", "Laporan {code} dibuka kembali dan ditangani lagi. Cek: {link}", "Report {code} was reopened and is being handled again. Status: {link}"),
        new("Reopened.Subject", "Laporan {code} dibuka kembali", "Report {code} reopened"),
        new("Reopened.Email", "Laporan {code} dibuka kembali dan ditangani lagi.\n\nLacak laporan: {link}",
            "Report {code} was reopened and is being handled again.\n\nTrack the report: {link}"),

        new("Archived.Sms", "Laporan {code} diarsipkan: {text}", "Report {code} was archived: {text}"),
        new("Archived.Subject", "Laporan {code} diarsipkan", "Report {code} archived"),
        new("Archived.Email", "Laporan {code} diarsipkan dengan alasan:\n\n{text}\n\nLacak laporan: {link}",
            "Report {code} was archived, for this reason:\n\n{text}\n\nTrack the report: {link}"),

        new("Referred.Sms", "Laporan {code} bukan wewenang Pemkot dan dilimpahkan: {text}", "Report {code} is not the city's to handle and was referred: {text}"),
        new("Referred.Subject", "Laporan {code} dilimpahkan", "Report {code} referred"),
        new("Referred.Email", "Laporan {code} bukan wewenang pemerintah kota dan dilimpahkan:\n\n{text}\n\nLacak laporan: {link}",
            "Report {code} is not the city government's to handle and was referred:\n\n{text}\n\nTrack the report: {link}"),

        new("Merged.Sms", "Laporan {code} digabung dengan laporan {primary} yang sama. Cek: {link}",
            "Report {code} was merged into the same report {primary}. Status: {link}"),
        new("Merged.Subject", "Laporan {code} digabung ke {primary}", "Report {code} merged into {primary}"),
        new("Merged.Email", "Laporan {code} menyangkut hal yang sama dengan laporan {primary} dan digabung ke sana. Kabar selanjutnya ada di laporan {primary}.\n\nLacak laporan: {link}",
            "Report {code} concerns the same matter as report {primary} and was merged into it. Further news is on report {primary}.\n\nTrack the report: {link}"),

        // To a follower (a member of the public, or the reporter with their key): what the public page shows, and always the stop link.
        new("Follow.Confirm.Sms", "Anda minta kabar laporan {code}. Konfirmasi: {confirm} Abaikan bila bukan Anda.",
            "You asked for news of report {code}. Confirm: {confirm} Ignore this if it was not you."),
        new("Follow.Confirm.Subject", "Konfirmasi: ikuti laporan {code}", "Confirm: follow report {code}"),
        new("Follow.Confirm.Email", "Ada permintaan agar kabar laporan {code} dikirim ke alamat ini.\n\nBila itu Anda, buka tautan ini dan tekan \"Konfirmasi\":\n{confirm}\n\nBila bukan Anda, abaikan email ini: tanpa konfirmasi kami tidak mengirim apa pun lagi, dan permintaan ini hangus dalam {hours} jam.",
            "Someone asked for news of report {code} to be sent to this address.\n\nIf it was you, open this link and press \"Confirm\":\n{confirm}\n\nIf it was not you, ignore this e-mail: without a confirmation we send nothing more, and the request lapses in {hours} hours."),
        new("Follow.Update.Sms", "Laporan {code} yang Anda ikuti {what} {text} {link} Berhenti: {stop}",
            "Report {code} you follow {what} {text} {link} Stop: {stop}"),
        new("Follow.Update.Subject", "Kabar laporan {code} yang Anda ikuti", "News of report {code} you follow"),
        new("Follow.Update.Email", "Laporan {code} yang Anda ikuti {what}\n\n{text}\n\nLihat laporan: {link}\n\nBerhenti mengikuti laporan ini: {stop}",
            "Report {code} you follow {what}\n\n{text}\n\nSee the report: {link}\n\nStop following this report: {stop}"),
        new("Follow.What.Dispatched", "sudah diverifikasi dan diteruskan ke {agency}.", "was verified and sent to {agency}."),
        new("Follow.What.Forwarded", "dialihkan ke {agency}.", "was passed on to {agency}."),
        new("Follow.What.FollowUp", "mendapat tindak lanjut:", "has a follow-up:"),
        new("Follow.What.Resolved", "dinyatakan selesai.", "is resolved."),
        new("Follow.What.Reopened", "dibuka kembali dan ditangani lagi.", "was reopened and is being handled again."),
        new("Follow.What.Referred", "bukan wewenang Pemkot dan dilimpahkan:", "is not the city's to handle and was referred:"),
        new("Follow.What.Merged", "digabung dengan laporan {primary} yang sama; ikuti laporan itu untuk kabar selanjutnya.",
            "was merged into the same report {primary}; follow that one for further news."),

        // To staff: never the report's text, only what to open (the link needs a sign-in).
        new("Staff.Dispatched.Subject", "Laporan baru {code} untuk {agency}", "New report {code} for {agency}"),
        new("Staff.Dispatched.Email", "Laporan {code} ({category}, {place}) ditugaskan ke {agency}.\n\nBuka laporan: {link}",
            "Report {code} ({category}, {place}) was assigned to {agency}.\n\nOpen the report: {link}"),
        new("Staff.Urgent.Sms", "URGENT {code}: {category} di {place}, untuk {agency}. Segera tangani: {link}",
            "URGENT {code}: {category} at {place}, for {agency}. Act now: {link}"),
        new("Staff.Urgent.Subject", "URGENT: laporan {code} untuk {agency}", "URGENT: report {code} for {agency}"),
        new("Staff.Urgent.Email", "Laporan mendesak {code} ({category}, {place}) ditugaskan ke {agency}. Jam tanggap darurat sudah berjalan.\n\nBuka laporan: {link}",
            "Urgent report {code} ({category}, {place}) was assigned to {agency}. The urgent clocks are running.\n\nOpen the report: {link}"),
        new("Staff.Digest.Subject", "Ringkasan harian {agency}: {count} laporan baru", "Daily summary for {agency}: {count} new reports"),
        new("Staff.Digest.Email", "Laporan baru untuk {agency} dalam 24 jam terakhir:\n\n{text}\n\nLaporan terbuka: {open}; lewat tenggat: {overdue}.\nAntrean: {link}",
            "New reports for {agency} in the last 24 hours:\n\n{text}\n\nOpen reports: {open}; overdue: {overdue}.\nQueue: {link}"),

        new("Staff.Summary.Subject", "Ringkasan {kind} pengaduan: {scope}, {period}", "{kind} complaints summary: {scope}, {period}"),
        new("Staff.Summary.Email", "Ringkasan {kind} pengaduan untuk {scope}, {period}.\n\n{text}\n\nRinciannya ada di lampiran (XLSX). Setiap angka ada daftar laporannya di dasbor: {link}",
            "{kind} complaints summary for {scope}, {period}.\n\n{text}\n\nThe details are in the attached workbook (XLSX). Every figure links to its reports on the dashboard: {link}"),
        // Escalations (the ladder): to staff, never the report's text; {agency} is the agency whose clock it is.
        new("Escalation.Reminder.Sms", "Pengingat {code}: tenggat {clock} {due} ({agency}). {link}",
            "Reminder {code}: {clock} deadline {due} ({agency}). {link}"),
        new("Escalation.Reminder.Subject", "Pengingat: tenggat {clock} laporan {code} mendekat", "Reminder: the {clock} deadline of report {code} is near"),
        new("Escalation.Reminder.Email", "Tenggat {clock} laporan {code} ({category}, {place}) untuk {agency} jatuh pada {due}.\n\nBuka laporan: {link}",
            "The {clock} deadline of report {code} ({category}, {place}) for {agency} falls on {due}.\n\nOpen the report: {link}"),
        new("Escalation.Missed.Sms", "Tenggat {clock} {code} ({agency}) terlewati: {due}. {link}", "{clock} deadline of {code} ({agency}) missed: {due}. {link}"),
        new("Escalation.Missed.Subject", "Tenggat terlewati: laporan {code} ({agency})", "Deadline missed: report {code} ({agency})"),
        new("Escalation.Missed.Email", "Tenggat {clock} laporan {code} ({category}, {place}) untuk {agency} terlewati: {due}.\n\nBuka laporan: {link}",
            "The {clock} deadline of report {code} ({category}, {place}) for {agency} was missed: {due}.\n\nOpen the report: {link}"),
        new("Escalation.Leadership.Sms", "{code} ({agency}) {days} hari kerja lewat tenggat {clock} ({due}). {link}",
            "{code} ({agency}) {days} working days past its {clock} deadline ({due}). {link}"),
        new("Escalation.Leadership.Subject", "Laporan {code} {days} hari kerja lewat tenggat ({agency})", "Report {code} {days} working days overdue ({agency})"),
        new("Escalation.Leadership.Email", "Laporan {code} ({category}, {place}) untuk {agency} sudah {days} hari kerja melewati tenggat {clock} ({due}).\n\nBuka laporan: {link}",
            "Report {code} ({category}, {place}) for {agency} is {days} working days past its {clock} deadline ({due}).\n\nOpen the report: {link}"),
        new("Escalation.Ombudsman.Sms", "{code} ({agency}) belum selesai setelah {days} hari, ditandai Ombudsman. {link}",
            "{code} ({agency}) unresolved after {days} days, flagged for the Ombudsman. {link}"),
        new("Escalation.Ombudsman.Subject", "Laporan {code} ditandai Ombudsman", "Report {code} flagged for the Ombudsman"),
        new("Escalation.Ombudsman.Email", "Laporan {code} ({category}, {place}) untuk {agency}, diterima {submitted}, belum selesai setelah {days} hari dan ditandai untuk Ombudsman.\n\nBuka laporan: {link}",
            "Report {code} ({category}, {place}) for {agency}, received {submitted}, is unresolved after {days} days and was flagged for the Ombudsman.\n\nOpen the report: {link}"),
        new("Escalation.Clock.Verification", "verifikasi dan disposisi", "verification and dispatch"),
        new("Escalation.Clock.Response", "tindak lanjut pertama", "first follow-up"),
        new("Escalation.Clock.Resolution", "penyelesaian", "resolution"),
        new("Escalation.Clock.UrgentAcknowledge", "respons URC", "URC response"),
        new("Escalation.Clock.UrgentOnSite", "URC di lokasi", "URC on site"),

        new("Withheld", "(isi tidak dikirim karena laporan ini rahasia; bacalah dengan kunci pelapor di halaman lacak)",
            "(not sent because this report is confidential; read it with your reporter key on the tracking page)"),
        new("Footer", "\n\n--\nPesan otomatis dari layanan pengaduan Aduan; mohon tidak membalas email ini.",
            "\n\n--\nAn automatic message from the Aduan complaint service; please do not reply to this e-mail."),
    ];

    private static readonly Dictionary<string, NotificationTemplate> ByKey = All.ToDictionary(t => t.Key);

    public static NotificationTemplate Get(string key) => ByKey[key];

    public static bool Has(string key) => ByKey.ContainsKey(key);

    /// <summary>The template in <paramref name="language"/> with each <c>{name}</c> replaced once (values are never read as templates).</summary>
    public static string Render(string key, string language, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(Get(key).In(language), m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    [GeneratedRegex(@"\{([a-z]+)\}")]
    private static partial Regex Placeholder();
}
