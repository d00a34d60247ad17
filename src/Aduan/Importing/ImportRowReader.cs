using System.Globalization;
using System.Resources;
using System.Security.Cryptography;
using System.Text;
using Aduan.Agencies;
using Aduan.Categories;
using Aduan.Complaints;
using Aduan.Infrastructure;
using Aduan.Resources;
using Microsoft.Extensions.Localization;

namespace Aduan.Importing;

/// <summary>
/// Turns one spreadsheet row into an <see cref="ImportedReport"/>, or into the reasons it cannot be
/// one. Names are matched without regard to case; dates without an offset are WIB.
/// </summary>
public sealed class ImportRowReader(
    IReadOnlyList<Agency> agencies, IReadOnlyList<Category> categories, IReadOnlyList<string> kecamatan,
    IStringLocalizer<SharedResource> t, DateTimeOffset now)
{
    public static readonly string[] Columns =
    [
        "submitted_at", "channel", "category", "agency", "text", "status", "dispatched_at", "followed_up_at", "resolved_at",
        "follow_up", "reporter_phone", "kecamatan",
    ];

    public static readonly string[] RequiredColumns = Columns[..10];

    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);
    private static readonly string[] OffsetFormats =
        ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];
    private static readonly string[] WibFormats =
    [
        "dd/MM/yyyy HH:mm", "d/M/yyyy HH:mm", "dd/MM/yyyy HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
    ];

    private static readonly ResourceManager Labels = new("Aduan.Resources.SharedResource", typeof(SharedResource).Assembly);

    private readonly Dictionary<string, Agency> _agencies = ByCodeAndName(agencies, a => a.Code, a => a.Name, a => a.ShortName);
    private readonly Dictionary<string, Category> _categories = ByCodeAndName(categories, c => c.Code, c => c.Name, c => c.Name);

    /// <summary>The row as a report, or null with the reasons added to <paramref name="reasons"/>.</summary>
    public ImportedReport? Read(Func<string, string?> field, List<string> reasons)
    {
        string? Value(string name) => field(name)?.Trim() is { Length: > 0 } v ? v : null;
        var submitted = Date("submitted_at", Value("submitted_at"), reasons, required: true);
        var dispatched = Date("dispatched_at", Value("dispatched_at"), reasons, required: false);
        var followedUp = Date("followed_up_at", Value("followed_up_at"), reasons, required: false);
        var resolved = Date("resolved_at", Value("resolved_at"), reasons, required: false);
        var channel = Lookup("channel", Value("channel"), ParseChannel, reasons, required: true);
        var category = Lookup("category", Value("category"), v => _categories.GetValueOrDefault(v), reasons, required: false);
        var agency = Lookup("agency", Value("agency"), v => _agencies.GetValueOrDefault(v), reasons, required: false);
        var status = Lookup("status", Value("status"), ParseStatus, reasons, required: true);
        // The texts pass the rules every channel's texts pass (no noncharacters, something visible, NFC, no controls).
        var texts = new Validation(t);
        var text = texts.Text("text", field("text"), 1, Complaint.MaxTextLength, required: true);
        var followUp = texts.Text("follow_up", field("follow_up"), 1, Complaint.MaxTextLength, required: false);
        foreach (var (name, messages) in texts.Errors)
        {
            reasons.Add(t["Import.Reason.Field", name, string.Join(" ", messages)]);
        }

        var phone = Value("reporter_phone") is { } raw ? ComplaintIntake.NormalizePhone(raw, new Validation(t)) : null;
        if (phone is null && Value("reporter_phone") is { } badPhone)
        {
            reasons.Add(t["Import.Reason.Phone", badPhone]);
        }

        var kec = Lookup("kecamatan", Value("kecamatan"), Kecamatan, reasons, required: false);
        if (status is { } s && submitted is { } at)
        {
            CheckStages(s, at, dispatched, followedUp, resolved, agency, category, reasons);
        }

        if (reasons.Count > 0)
        {
            return null;
        }

        var report = new ImportedReport(submitted!.Value, channel!.Value, category, agency, text!, status!.Value, dispatched, followedUp,
            resolved, followUp, phone, kec, "");
        return report with { ImportKey = Key(report) };
    }

    /// <summary>The dates a state needs, in order, none in the future; an agency and a category once dispatched.</summary>
    private void CheckStages(ComplaintStatus status, DateTimeOffset submitted, DateTimeOffset? dispatched, DateTimeOffset? followedUp,
        DateTimeOffset? resolved, Agency? agency, Category? category, List<string> reasons)
    {
        if (!Complaint.ImportableStates.Contains(status))
        {
            reasons.Add(t["Import.Reason.StatusNotImportable", status]);
            return;
        }

        var stage = status switch
        {
            ComplaintStatus.Submitted => 0,
            ComplaintStatus.Dispatched or ComplaintStatus.InProgress => 1,
            ComplaintStatus.FollowedUp => 2,
            _ => 3,
        };
        (string Column, DateTimeOffset? At)[] dates = [("dispatched_at", dispatched), ("followed_up_at", followedUp), ("resolved_at", resolved)];
        for (var i = 0; i < dates.Length; i++)
        {
            if ((i < stage) != dates[i].At.HasValue)
            {
                reasons.Add(t[i < stage ? "Import.Reason.DateNeeded" : "Import.Reason.DateNotExpected", dates[i].Column, status]);
            }
        }

        var previous = submitted;
        foreach (var (column, at) in dates.Where(d => d.At.HasValue))
        {
            if (at < previous)
            {
                reasons.Add(t["Import.Reason.DateOrder", column]);
            }

            previous = at!.Value;
        }

        if (previous > now)
        {
            reasons.Add(t["Import.Reason.Future"]);
        }

        if (stage > 0 && (agency is null || category is null))
        {
            reasons.Add(t["Import.Reason.AgencyNeeded", status]);
        }
    }

    private DateTimeOffset? Date(string column, string? value, List<string> reasons, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                reasons.Add(t["Import.Reason.Missing", column]);
            }

            return null;
        }

        if (DateTimeOffset.TryParseExact(value, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset)
            && (value.EndsWith('Z') || value.LastIndexOfAny(['+', '-']) > 10) && Dates.IsSupported(withOffset))
        {
            return withOffset.ToUniversalTime();
        }

        if (DateTime.TryParseExact(value, WibFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wib)
            && Dates.IsSupported(DateOnly.FromDateTime(wib)))
        {
            return new DateTimeOffset(wib, Wib).ToUniversalTime();
        }

        reasons.Add(t["Import.Reason.BadDate", column, value]);
        return null;
    }

    private T? Lookup<T>(string column, string? value, Func<string, T?> find, List<string> reasons, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                reasons.Add(t["Import.Reason.Missing", column]);
            }

            return default;
        }

        var found = find(value);
        if (found is null)
        {
            reasons.Add(t["Import.Reason.Unknown", column, value]);
        }

        return found;
    }

    private static Channel? ParseChannel(string value) =>
        Enum.TryParse<Channel>(value.Replace("_", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal), ignoreCase: true,
            out var c) && Enum.IsDefined(c) ? c : null;

    /// <summary>A state's name (<c>Resolved</c>) or its Indonesian label (<c>Selesai</c>).</summary>
    private static ComplaintStatus? ParseStatus(string value)
    {
        foreach (var status in Enum.GetValues<ComplaintStatus>())
        {
            if (string.Equals(value, status.ToString(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(value, Labels.GetString("Status." + status, CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase))
            {
                return status;
            }
        }

        return null;
    }

    private string? Kecamatan(string value)
    {
        var name = value.StartsWith("Kecamatan ", StringComparison.OrdinalIgnoreCase) ? value["Kecamatan ".Length..].Trim() : value;
        return kecamatan.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>SHA-256 of the row as understood (UTC instants, codes), so the same report spelled differently is still the same.</summary>
    private static string Key(ImportedReport r) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f',
        r.SubmittedAt.UtcTicks, r.Channel, r.Category?.Code, r.Agency?.Code, r.Text, r.Status, r.DispatchedAt?.UtcTicks, r.FollowedUpAt?.UtcTicks,
        r.ResolvedAt?.UtcTicks, r.FollowUp, r.ReporterPhone, r.Kecamatan))));

    private static Dictionary<string, T> ByCodeAndName<T>(IEnumerable<T> items, params Func<T, string>[] keys)
    {
        var result = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in keys)
        {
            foreach (var item in items)
            {
                result.TryAdd(key(item), item);
            }
        }

        return result;
    }
}
