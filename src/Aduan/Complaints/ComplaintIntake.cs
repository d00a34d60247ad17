using System.Globalization;
using System.Net.Mail;
using Aduan.Agencies;
using Aduan.Categories;
using Aduan.Data;
using Aduan.Infrastructure;
using Aduan.Triage;
using PhoneNumbers;

namespace Aduan.Complaints;

/// <summary>
/// The one way in: every channel (the JSON API, <c>/lapor</c>, the call-center console, and later
/// SMS and Open311) hands its report here as an <see cref="IntakeRequest"/>. Intake validates it once,
/// optionally offers similar open reports first, queues it once for <see cref="IntakeWriter"/> (group
/// commit; stored by <see cref="IntakeStore"/>) and answers an <see cref="IntakeOutcome"/> that the
/// channel renders.
/// </summary>
public sealed class ComplaintIntake(CategoryCatalog catalog, AgencyDirectory agencies, IntakeWriter writer, SimilarReports similar)
{
    /// <param name="errors">Errors the channel already found in its own fields (photos, headers); intake adds its own, and stores nothing if there are any.</param>
    public async Task<IntakeOutcome> SubmitAsync(IntakeRequest request, Validation errors, CancellationToken ct)
    {
        if (request.IdempotencyKey is { } key && !IsValidIdempotencyKey(key))
        {
            errors.Add("Idempotency-Key", "Field.IdempotencyKey");
        }

        var input = await ValidateAsync(request, errors, ct);
        if (input is null || !errors.IsValid)
        {
            return new IntakeOutcome.Invalid(errors);
        }

        if (request.OfferSimilar && await similar.OpenNearbyAsync(input, ct) is { Count: > 0 } found)
        {
            return new IntakeOutcome.SimilarFound(found);
        }

        var staff = request.Staff;
        var actor = staff is null ? request.Submitter ?? Actor.Reporter : new Actor(ActorKind.Staff, staff.UserId, staff.Name, staff.AgencyId);
        var outcome = await writer.SubmitAsync(new IntakeItem(input, actor, request.IdempotencyKey, request.Photos), ct);
        return outcome.KeyConflict
            ? new IntakeOutcome.KeyReused()
            : new IntakeOutcome.Stored(outcome.Complaint!, outcome.ReporterKey!, outcome.Replayed);
    }

    /// <summary>What a channel's form may offer: the active categories and the city's kecamatan, as intake accepts them.</summary>
    public async Task<(IReadOnlyList<Category> Categories, IReadOnlyList<string> Kecamatan)> ChoicesAsync(CancellationToken ct) =>
        (await catalog.ActiveAsync(ct), await agencies.KecamatanNamesAsync(ct));

    private async Task<NewComplaint?> ValidateAsync(IntakeRequest request, Validation v, CancellationToken ct)
    {
        var text = v.Text("text", request.Text, Complaint.MinTextLength, Complaint.MaxTextLength, required: true);
        var title = v.Text("title", request.Title, 1, Complaint.MaxTitleLength, required: false);
        Category? category = null;
        if (!string.IsNullOrWhiteSpace(request.Category))
        {
            category = await catalog.FindAsync(request.Category, ct);
            if (category is not { IsActive: true })
            {
                v.Add("category", "Field.UnknownCategory", request.Category);
            }
        }

        var reporter = ValidateReporter(request.Reporter, v);
        var privacy = request.Privacy ?? PrivacyMode.Anonymous;
        var publishName = request.Reporter?.PublishName == true;
        if (publishName && (reporter.Name is null || privacy != PrivacyMode.Public))
        {
            v.Add("reporter.publishName", "Field.PublishName");
        }

        var location = await ValidateLocationAsync(request.Location, v, ct);
        var notifyBy = ValidateNotifyBy(request, reporter, v);
        if (!v.IsValid)
        {
            return null;
        }

        var language = (request.Language ?? CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) == "en" ? "en" : "id";

        // An emergency is urgent from the first minute: the URC's clocks start now, not when the desk gets to it.
        var priority = category is { IsEmergency: true } ? Priority.Urgent : Priority.Normal;
        return new NewComplaint(title, text!, request.Kind ?? ComplaintKind.Complaint, privacy,
            request.Channel, category, reporter, location, publishName, notifyBy, language, priority);
    }

    /// <summary>The reporter's choice must name a contact they gave; without a choice, the likeliest one they read.</summary>
    private static NotifyBy ValidateNotifyBy(IntakeRequest request, ReporterContact reporter, Validation v)
    {
        switch (request.NotifyBy)
        {
            case NotifyBy.Email when reporter.Email is null:
                v.Add("notifyBy", "Field.NotifyByEmail");
                return NotifyBy.None;
            case NotifyBy.Sms when reporter.Phone is null:
                v.Add("notifyBy", "Field.NotifyBySms");
                return NotifyBy.None;
            case { } chosen:
                return chosen;
        }

        var smsFirst = request.Channel is Channel.Sms or Channel.CallCenter;
        return (smsFirst && reporter.Phone is not null) ? NotifyBy.Sms
            : reporter.Email is not null ? NotifyBy.Email
            : reporter.Phone is not null ? NotifyBy.Sms
            : NotifyBy.None;
    }

    private static bool IsValidIdempotencyKey(string key) =>
        key.Length is >= 1 and <= IdempotencyRecord.MaxKeyLength && key.All(ch => ch is >= '!' and <= '~');

    /// <summary>Name, phone (E.164) and e-mail as intake accepts them; errors under <c>reporter.*</c>.</summary>
    public static ReporterContact ValidateReporter(ReporterRequest? r, Validation v)
    {
        if (r is null)
        {
            return ReporterContact.None;
        }

        var name = v.Text("reporter.name", r.Name, 1, 120, required: false);
        var phone = NormalizePhone(r.Phone, v);
        var email = v.Text("reporter.email", r.Email, 3, 254, required: false);
        if (email is not null && (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !email.Contains('.', StringComparison.Ordinal)))
        {
            v.Add("reporter.email", "Field.Email");
        }

        return new ReporterContact(name, phone, email?.ToLowerInvariant());
    }

    /// <summary>Indonesian numbers in any usual spelling become E.164 (+628...), the form SMS gateways use.</summary>
    public static string? NormalizePhone(string? raw, Validation v, string field = "reporter.phone")
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var util = PhoneNumberUtil.GetInstance();
        try
        {
            var number = util.Parse(raw, "ID");
            if (util.IsValidNumber(number))
            {
                return util.Format(number, PhoneNumberFormat.E164);
            }
        }
        catch (NumberParseException)
        {
            // reported below
        }

        v.Add(field, "Field.Phone");
        return null;
    }

    private async Task<ComplaintLocation> ValidateLocationAsync(LocationRequest? l, Validation v, CancellationToken ct)
    {
        if (l is null)
        {
            return ComplaintLocation.None;
        }

        var address = v.Text("location.address", l.Address, 1, 300, required: false);
        if (l.Lat is null != l.Lng is null)
        {
            v.Add("location", "Field.LatLngPair");
        }
        else if (l.Lat is { } lat && l.Lng is { } lng && !GeoBounds.InIndonesia(lat, lng))
        {
            v.Add("location", "Field.OutsideIndonesia");
        }

        string? kecamatan = null;
        if (!string.IsNullOrWhiteSpace(l.Kecamatan))
        {
            var names = await agencies.KecamatanNamesAsync(ct);
            var wanted = l.Kecamatan.Trim();
            kecamatan = names.FirstOrDefault(n => string.Equals(n, wanted, StringComparison.OrdinalIgnoreCase)
                || string.Equals("Kecamatan " + n, wanted, StringComparison.OrdinalIgnoreCase));
            if (kecamatan is null)
            {
                v.Add("location.kecamatan", "Field.UnknownKecamatan", wanted.Length > 60 ? wanted[..60] : wanted, string.Join(", ", names));
            }
        }

        // A pin without a kecamatan gets the one whose centre is nearest: an approximation staff can correct.
        if (kecamatan is null && v.IsValid && l.Lat is { } pinLat && l.Lng is { } pinLng)
        {
            kecamatan = await agencies.NearestKecamatanAsync(pinLat, pinLng, ct);
        }

        return new ComplaintLocation(address, l.Lat, l.Lng, kecamatan);
    }
}

/// <summary>
/// A coarse outline of Indonesia: a box from Sabang to Merauke and Miangas to Rote, less the
/// neighbours' main areas inside it (Peninsular Malaysia, Singapore, Sarawak and Brunei, Sabah,
/// Timor-Leste). Coarse on purpose: it catches swapped or foreign coordinates, not a border dispute.
/// </summary>
public static class GeoBounds
{
    private static readonly (double South, double North, double West, double East)[] Neighbours =
    [
        (2.3, 4.0, 100.95, 104.6),  // Peninsular Malaysia, south (Riau's coast lies west of it)
        (4.0, 7.0, 99.5, 104.6),    // Peninsular Malaysia, north, with Penang and Langkawi
        (1.20, 1.48, 103.59, 104.10), // Singapore
        (3.0, 5.2, 109.5, 115.0),   // Sarawak and Brunei
        (4.5, 7.5, 115.5, 119.5),   // Sabah
        (-9.5, -8.3, 125.0, 127.4), // Timor-Leste
    ];

    public static bool InIndonesia(double lat, double lng) =>
        double.IsFinite(lat) && double.IsFinite(lng)
        && lat is >= -11.5 and <= 6.5 && lng is >= 94.5 and <= 141.1
        && !Neighbours.Any(n => lat >= n.South && lat <= n.North && lng >= n.West && lng <= n.East);
}
