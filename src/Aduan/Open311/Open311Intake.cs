using Aduan.Complaints;
using Aduan.Infrastructure;
using Aduan.Resources;
using Microsoft.Extensions.Localization;

namespace Aduan.Open311;

/// <summary>
/// <c>POST requests</c> as a channel adapter: the form becomes an <see cref="IntakeRequest"/> (channel
/// <see cref="Channel.Open311"/>, the key as the first event's actor) and goes through the one
/// <see cref="ComplaintIntake"/>, whose checks (text, contact, place) apply as to every channel.
/// Intake answers only once the report is stored, so the answer always carries the id.
/// </summary>
public sealed class Open311Intake(ComplaintIntake intake, Open311Services services, Federation.ExternalIds externalIds,
    IStringLocalizer<SharedResource> t)
{
    /// <summary>Intake's field names as the client knows them.</summary>
    private static readonly Dictionary<string, string> FieldNames = new()
    {
        ["text"] = "description", ["title"] = "attribute[title]", ["category"] = "service_code", ["reporter.name"] = "first_name",
        ["reporter.phone"] = "phone", ["reporter.email"] = "email", ["location"] = "lat/long", ["location.address"] = "address_string",
        ["location.kecamatan"] = "attribute[kecamatan]", ["notifyBy"] = "email", ["Idempotency-Key"] = "Idempotency-Key",
    };

    public sealed record Outcome(string? TrackingCode, IReadOnlyList<Open311Error> Errors);

    public async Task<Outcome> SubmitAsync(Open311Form form, ApiKey key, string? idempotencyKey, CancellationToken ct)
    {
        var errors = new List<Open311Error>();
        var code = form["service_code"];
        if (code is null)
        {
            errors.Add(new(400, t["Open311.Error.ServiceCodeMissing"]));
        }
        else if (await services.FindAsync(code, ct) is null)
        {
            errors.Add(new(400, t["Open311.Error.ServiceNotFound", Validation.Clip(code)]));
        }

        var location = ReadLocation(form, errors);
        var attributes = form.Attributes();
        var kind = Single<ComplaintKind>(attributes, Open311Services.Kind, errors);
        var privacy = Single<PrivacyMode>(attributes, Open311Services.Privacy, errors);
        var text = WithMedia(form, errors);
        var externalId = One(attributes, Federation.FederationRequests.ExternalIdAttribute);
        if (externalId is { Length: > Complaint.MaxExternalIdLength })
        {
            errors.Add(new(400, t["Open311.Error.ExternalId", Complaint.MaxExternalIdLength]));
        }

        if (errors.Count > 0)
        {
            return new Outcome(null, errors);
        }

        // A resent post of a report this key sent before (a hub's retry after a lost answer) answers the first report.
        if (externalId is not null && await externalIds.FindAsync(key, externalId, ct) is { } earlier)
        {
            return new Outcome(earlier, []);
        }

        var name = string.Join(' ', new[] { form["first_name"], form["last_name"] }.Where(n => n is not null and not "-"));
        var request = new IntakeRequest(key.Federation ? Channel.Hub : Channel.Open311, text)
        {
            Title = One(attributes, Open311Services.Title), Category = code, Kind = kind, Privacy = privacy,
            Reporter = new ReporterRequest(name.Length == 0 ? null : name, form["phone"], form["email"]),
            Location = location with { Kecamatan = One(attributes, Open311Services.Kecamatan) },
            IdempotencyKey = idempotencyKey ?? (externalId is null ? null : $"open311/{key.Id}/{externalId}"), Submitter = new Actor(ActorKind.Reporter, key.ActorId, key.ActorName),
        };
        var v = new Validation(t);
        return await intake.SubmitAsync(request, v, ct) switch
        {
            IntakeOutcome.Stored stored when externalId is not null =>
                new Outcome(await externalIds.LinkAsync(stored.Complaint, key, externalId, ct), []),
            IntakeOutcome.Stored stored => new Outcome(stored.Complaint.TrackingCode, []),
            IntakeOutcome.KeyReused => new Outcome(null, [new(400, t["Problem.Idempotency.Detail"])]),
            _ => new Outcome(null, v.Errors.SelectMany(e => e.Value.Select(m =>
                new Open311Error(400, $"{FieldNames.GetValueOrDefault(e.Key, e.Key)}: {m}"))).ToList()),
        };
    }

    /// <summary>A pin (<c>lat</c> and <c>long</c>), else an address: <c>address_string</c>, or <c>address_id</c> kept as its text.</summary>
    private LocationRequest ReadLocation(Open311Form form, List<Open311Error> errors)
    {
        var (lat, lng) = (form["lat"], form["long"]);
        double? latitude = null, longitude = null;
        foreach (var (field, value) in new[] { ("lat", lat), ("long", lng) })
        {
            if (value is null)
            {
                continue;
            }

            if (!Open311Form.TryCoordinate(value, out var parsed))
            {
                errors.Add(new(400, t["Open311.Error.Coordinate", field, Validation.Clip(value)]));
            }
            else if (field == "lat")
            {
                latitude = parsed;
            }
            else
            {
                longitude = parsed;
            }
        }

        var address = form["address_string"] ?? form["address_id"];
        if (lat is null && lng is null && address is null)
        {
            errors.Add(new(400, t["Open311.Error.LocationMissing"]));
        }

        return new LocationRequest(address, latitude, longitude);
    }

    /// <summary>
    /// The description with the media links under it: a photo is not fetched from another server
    /// (that would let a client make this server call any address), so staff get the link.
    /// </summary>
    private string? WithMedia(Open311Form form, List<Open311Error> errors)
    {
        var text = form["description"];
        var links = new List<string>();
        foreach (var url in form.All("media_url"))
        {
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && url.Length <= 500)
            {
                links.Add(uri.AbsoluteUri);
            }
            else
            {
                errors.Add(new(400, t["Open311.Error.MediaUrl"]));
            }
        }

        return links.Count == 0 || text is null ? text : text + "\n\n" + string.Join('\n', links.Select(l => "Media: " + l));
    }

    private static string? One(IReadOnlyDictionary<string, IReadOnlyList<string>> attributes, string code) =>
        attributes.TryGetValue(code, out var values) && values.Count > 0 ? values[0] : null;

    private T? Single<T>(IReadOnlyDictionary<string, IReadOnlyList<string>> attributes, string code, List<Open311Error> errors)
        where T : struct, Enum
    {
        if (!attributes.TryGetValue(code, out var values) || values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            errors.Add(new(400, t["Open311.Error.AttributeSingle", code]));
            return null;
        }

        if (StrictEnumConverter.TryParse(values[0], out T parsed))
        {
            return parsed;
        }

        errors.Add(new(400, t["Open311.Error.AttributeValue", code, Validation.Clip(values[0]), string.Join(", ", Enum.GetNames<T>())]));
        return null;
    }
}
