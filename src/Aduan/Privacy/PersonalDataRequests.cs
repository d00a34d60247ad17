using System.Text.Json;
using System.Text.Json.Serialization;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Privacy;

/// <summary>Whose data: a phone number (normalized to E.164, as intake stores it) or an e-mail address.</summary>
public sealed record DataSubject(string? Phone, string? Email)
{
    public override string ToString() => Phone ?? Email ?? "";

    /// <summary>Reads what a manager typed; null with an error under <paramref name="field"/> when it is neither.</summary>
    public static DataSubject? Parse(string? typed, Validation v, string field = "subject")
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            v.Add(field, "Field.Required");
            return null;
        }

        if (typed.Contains('@', StringComparison.Ordinal))
        {
            var contact = ComplaintIntake.ValidateReporter(new ReporterRequest(Email: typed.Trim()), v);
            return contact.Email is null ? null : new DataSubject(null, contact.Email);
        }

        var phone = ComplaintIntake.NormalizePhone(typed, v, field);
        return phone is null ? null : new DataSubject(phone, null);
    }
}

/// <summary>One report held about a data subject, as the access export shows it.</summary>
public sealed record HeldReport(
    string TrackingCode, DateTimeOffset SubmittedAt, string Status, string Channel, string Privacy, string? Title, string Text,
    ReporterContact Reporter, bool NamePublished, ComplaintLocation Location, IReadOnlyList<HeldMessage> Messages);

/// <summary>A timeline entry the reporter could read (public and reporter-only events).</summary>
public sealed record HeldMessage(DateTimeOffset At, string Type, string? Text);

/// <summary>One SMS to or from the number (SMS channel), with the report it was about.</summary>
public sealed record HeldSms(DateTimeOffset At, string Direction, string Text, string? TrackingCode);

/// <summary>A report the number or address follows (or asked to follow: not confirmed yet).</summary>
public sealed record HeldFollow(string TrackingCode, string Channel, DateTimeOffset Since, DateTimeOffset? ConfirmedAt);

/// <summary>The access export (UU No. 27/2022): everything held about a phone number or e-mail address.</summary>
public sealed record PersonalDataExport(
    string Subject, DateTimeOffset GeneratedAt, IReadOnlyList<HeldReport> Reports, IReadOnlyList<HeldSms> Sms,
    IReadOnlyList<HeldFollow> Follows, string Notes);

/// <summary>
/// Access and erasure on request: finds the reports whose contact is the given phone or e-mail
/// (indexed columns), exports them as JSON, erases their contact details; each with an audit entry
/// that names the reports, never the phone or address asked about.
/// </summary>
public sealed class PersonalDataRequests(AduanDbContext db, ContactErasure erasure, AuditTrail audit)
{
    /// <summary>At most this many reports per request; a subject with more is shown the first ones and told so.</summary>
    public const int MaxReports = 1000;

    /// <summary>Readable as typed (+62..., names in any script): the export is a download, never embedded in a page.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true, Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The reports held about the subject, newest first, as staff lists show them; audited when <paramref name="lookedUpBy"/> is given.</summary>
    public async Task<List<HeldSummary>> FindAsync(DataSubject subject, CancellationToken ct, Actor? lookedUpBy = null)
    {
        var found = await Matching(subject).OrderByDescending(c => c.Id).Take(MaxReports)
            .Select(c => new HeldSummary(c.Id, c.TrackingCode, c.SubmittedAt, c.Status, c.Reporter.Name))
            .ToListAsync(ct);
        if (lookedUpBy is not null)
        {
            var codes = found.Select(h => h.TrackingCode).ToList();
            audit.Record(lookedUpBy.Name, lookedUpBy.UserId, "privacy.find", Subjects(codes), new { reports = codes.Count, codes });
            await db.SaveChangesAsync(ct);
        }

        return found;
    }

    public async Task<PersonalDataExport> ExportAsync(DataSubject subject, Actor staff, DateTimeOffset now, CancellationToken ct)
    {
        var reports = await Matching(subject).AsNoTracking().OrderByDescending(c => c.Id).Take(MaxReports).ToListAsync(ct);
        var ids = reports.Select(c => c.Id).ToList();
        var messages = (await db.ComplaintEvents.AsNoTracking()
                .Where(e => ids.Contains(e.ComplaintId) && e.Visibility != EventVisibility.Staff)
                .OrderBy(e => e.ComplaintId).ThenBy(e => e.Sequence)
                .Select(e => new { e.ComplaintId, e.At, e.Type, e.Text }).ToListAsync(ct))
            .ToLookup(e => e.ComplaintId, e => new HeldMessage(e.At, e.Type.ToString(), e.Text));
        var held = reports.Select(c => new HeldReport(c.TrackingCode, c.SubmittedAt, c.Status.ToString(), c.Channel.ToString(),
            c.Privacy.ToString(), c.Title, c.Text, c.Reporter, c.NamePublished, c.Location, [.. messages[c.Id]])).ToList();
        var sms = subject.Phone is not { } phone ? [] : await db.SmsMessages.AsNoTracking()
            .Where(m => m.Phone == phone).OrderBy(m => m.At).Take(MaxReports * 10)
            .Select(m => new HeldSms(m.At, m.Direction.ToString(), m.Text,
                db.Complaints.Where(c => c.Id == m.ComplaintId).Select(c => c.TrackingCode).FirstOrDefault()))
            .ToListAsync(ct);
        var follows = await db.ReportFollowers.AsNoTracking().Where(f => f.Address == subject.ToString())
            .OrderBy(f => f.Id).Take(MaxReports)
            .Select(f => new HeldFollow(db.Complaints.Where(c => c.Id == f.ComplaintId).Select(c => c.TrackingCode).Single(),
                f.Channel.ToString(), f.CreatedAt, f.ConfirmedAt))
            .ToListAsync(ct);
        var codes = held.Select(h => h.TrackingCode).ToList();
        audit.Record(staff.Name, staff.UserId, "privacy.export", Subjects(codes),
            new { reports = codes.Count, codes, sms = sms.Count, follows = follows.Count });
        await db.SaveChangesAsync(ct);
        return new PersonalDataExport(subject.ToString(), now, held, sms, follows,
            "Berisi laporan yang kontaknya nomor atau alamat ini, dengan pesan yang dapat dibaca pelapor, SMS dengan nomor ini, "
            + "dan laporan yang diikuti dengan nomor atau alamat ini. "
            + "Dukungan \"saya juga mengalami ini\" disimpan hanya sebagai hash berkunci yang tidak dapat dikaitkan kembali. / "
            + "The reports whose contact is this number or address, with the messages the reporter could read, the SMS with this number, "
            + "and the reports followed with this number or address. "
            + "\"Me too\" support is kept only as a keyed hash that cannot be linked back.");
    }

    /// <summary>Erases the subject's contact details from every report that holds them; the tracking codes erased.</summary>
    public async Task<IReadOnlyList<string>> EraseAsync(DataSubject subject, Actor staff, CancellationToken ct)
    {
        var ids = await Matching(subject).OrderBy(c => c.Id).Select(c => c.Id).Take(MaxReports).ToListAsync(ct);
        var erased = await erasure.EraseAsync(ids, staff, ContactErasureReason.Request, ct);

        // The SMS exchanged with the number, also those about no report (a report's own went with its contact).
        var sms = subject.Phone is { } phone ? await db.SmsMessages.Where(m => m.Phone == phone).ExecuteDeleteAsync(ct) : 0;
        var follows = await db.ReportFollowers.Where(f => f.Address == subject.ToString()).ExecuteDeleteAsync(ct);
        audit.Record(staff.Name, staff.UserId, "privacy.erase", Subjects(erased), new { reports = erased.Count, codes = erased, sms, follows });
        await db.SaveChangesAsync(ct);
        return erased;
    }

    private IQueryable<Complaint> Matching(DataSubject subject) => subject.Phone is { } phone
        ? db.Complaints.Where(c => c.Reporter.Phone == phone)
        : db.Complaints.Where(c => c.Reporter.Email == subject.Email);

    /// <summary>The audit subject: the first reports concerned (all of them are in the entry's details).</summary>
    private static string Subjects(IReadOnlyList<string> codes) =>
        codes.Count == 0 ? "-" : string.Join(' ', codes.Take(8)) + (codes.Count > 8 ? $" (+{codes.Count - 8})" : "");
}

public sealed record HeldSummary(long Id, string TrackingCode, DateTimeOffset SubmittedAt, ComplaintStatus Status, string? Name);
