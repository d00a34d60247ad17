using Aduan.Complaints;

namespace Aduan.Open311;

/// <summary>One service: a category of reports.</summary>
public sealed record Open311Service(string Code, string Name, string? Description, bool Metadata, string Keywords, string? Group);

/// <summary>An attribute of a service definition; <see cref="Datatype"/> is one of <see cref="Open311Mapping.Datatypes"/>.</summary>
public sealed record Open311Field(
    string Code, string Datatype, bool Required, string Description, int Order, string? DatatypeDescription = null,
    bool Variable = true, IReadOnlyList<(string Key, string Name)>? Values = null);

/// <summary>One published report as GeoReport v2 shows it; ids and codes are strings.</summary>
public sealed record Open311Request(
    string Id, ComplaintStatus Status, string? StatusNotes, string? ServiceName, string? ServiceCode, string? Description,
    string? AgencyResponsible, DateTimeOffset RequestedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ExpectedAt,
    string? Address, double? Latitude, double? Longitude);

/// <summary>One public change of a published report (the FixMyStreet <c>servicerequestupdates</c> extension).</summary>
public sealed record Open311Update(string UpdateId, string RequestId, ComplaintStatus Status, DateTimeOffset At, string Description);

/// <summary>
/// Aduan's words in GeoReport v2's, both ways: states to <c>open</c>/<c>closed</c> and to
/// FixMyStreet's extended statuses, and every answer as an <see cref="Open311Node"/> tree. No HTTP here:
/// the server and, later, the federation's client share it.
/// </summary>
public static class Open311Mapping
{
    public const string Specification = "http://wiki.open311.org/GeoReport_v2";

    /// <summary>Every datatype a service definition may declare.</summary>
    public static readonly IReadOnlyList<string> Datatypes = ["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"];

    /// <summary>GeoReport v2's two states: closed once the report takes no more work (resolved, referred, merged, archived).</summary>
    public static string Status(ComplaintStatus status) => ComplaintStateMachine.IsClosed(status) ? "closed" : "open";

    /// <summary>FixMyStreet's extended statuses (its Open311 "additional states"), upper case with underscores as its client sends and reads them.</summary>
    public static string ExtendedStatus(ComplaintStatus status) => status switch
    {
        ComplaintStatus.Submitted or ComplaintStatus.Deferred => "OPEN",
        ComplaintStatus.Dispatched => "INVESTIGATING",
        ComplaintStatus.InProgress => "IN_PROGRESS",
        ComplaintStatus.FollowedUp or ComplaintStatus.Resolved => "FIXED",
        ComplaintStatus.Referred => "NOT_COUNCILS_RESPONSIBILITY",
        ComplaintStatus.Merged => "DUPLICATE",
        ComplaintStatus.Archived => "NO_FURTHER_ACTION",
        _ => "OPEN",
    };

    /// <summary>
    /// The other way, for the federation's client: a peer's status as one of our states. Our own
    /// <c>external_status_code</c> (an Aduan peer writes the state's name) wins; else FixMyStreet's
    /// extended statuses (any case, spaces or underscores); else GeoReport's <c>open</c>/<c>closed</c>.
    /// Null when none of them is known.
    /// </summary>
    public static ComplaintStatus? StatusFrom(string? status, string? externalStatusCode = null)
    {
        if (externalStatusCode is not null && Enum.TryParse<ComplaintStatus>(externalStatusCode.Trim(), ignoreCase: false, out var ours)
            && Enum.IsDefined(ours))
        {
            return ours;
        }

        return status?.Trim().Replace(' ', '_').ToUpperInvariant() switch
        {
            "OPEN" or "CONFIRMED" => ComplaintStatus.Submitted,
            "INVESTIGATING" => ComplaintStatus.Dispatched,
            "IN_PROGRESS" or "ACTION_SCHEDULED" => ComplaintStatus.InProgress,
            "FIXED" => ComplaintStatus.FollowedUp,
            "CLOSED" => ComplaintStatus.Resolved,
            "NOT_COUNCILS_RESPONSIBILITY" or "INTERNAL_REFERRAL" => ComplaintStatus.Referred,
            "DUPLICATE" => ComplaintStatus.Merged,
            "NO_FURTHER_ACTION" or "UNABLE_TO_FIX" or "WONT_FIX" => ComplaintStatus.Archived,
            _ => null,
        };
    }

    public static Open311Node Services(IEnumerable<Open311Service> services) => new Open311List("services", services.Select(s =>
        (Open311Node)new Open311Object("service",
            new Open311Value("service_code", s.Code),
            new Open311Value("service_name", s.Name),
            new Open311Value("description", s.Description),
            new Open311Value("metadata", s.Metadata),
            new Open311Value("type", "realtime"),
            new Open311Value("keywords", s.Keywords),
            new Open311Value("group", s.Group))).ToList());

    public static Open311Node Definition(string serviceCode, IEnumerable<Open311Field> attributes) => new Open311Object("service_definition",
        new Open311Value("service_code", serviceCode),
        new Open311List("attributes", attributes.Select(a => (Open311Node)new Open311Object("attribute",
        [
            new Open311Value("variable", a.Variable),
            new Open311Value("code", a.Code),
            new Open311Value("datatype", a.Datatype),
            new Open311Value("required", a.Required),
            new Open311Value("datatype_description", a.DatatypeDescription),
            new Open311Value("order", a.Order),
            new Open311Value("description", a.Description),
            .. a.Values is null ? [] : new Open311Node[]
            {
                new Open311List("values", a.Values.Select(v => (Open311Node)new Open311Object("value",
                    new Open311Value("key", v.Key), new Open311Value("name", v.Name))).ToList()),
            },
        ])).ToList()));

    public static Open311Node Requests(IEnumerable<Open311Request> requests) => new Open311List("service_requests", requests.Select(r =>
        (Open311Node)new Open311Object("request",
            new Open311Value("service_request_id", r.Id),
            new Open311Value("status", Status(r.Status)),
            new Open311Value("status_notes", r.StatusNotes),
            new Open311Value("service_name", r.ServiceName),
            new Open311Value("service_code", r.ServiceCode),
            new Open311Value("description", r.Description),
            new Open311Value("agency_responsible", r.AgencyResponsible),
            new Open311Value("service_notice", null),
            new Open311Value("requested_datetime", r.RequestedAt),
            new Open311Value("updated_datetime", r.UpdatedAt),
            new Open311Value("expected_datetime", r.ExpectedAt),
            new Open311Value("address", r.Address),
            new Open311Value("address_id", null),
            new Open311Value("zipcode", null),
            new Open311Value("lat", r.Latitude),
            new Open311Value("long", r.Longitude),
            new Open311Value("media_url", null),
            new Open311Object("extended_attributes", new Open311Value("external_status_code", ExtendedStatus(r.Status))))).ToList());

    /// <summary>The answer to a POST: the id at once (intake stores before it answers, so no token is ever needed).</summary>
    public static Open311Node Created(string id, string? notice) => new Open311List("service_requests",
    [
        new Open311Object("request", new Open311Value("service_request_id", id), new Open311Value("service_notice", notice),
            new Open311Value("account_id", null)),
    ]);

    public static Open311Node Token(string id, string token) => new Open311List("service_requests",
        [new Open311Object("request", new Open311Value("service_request_id", id), new Open311Value("token", token))]);

    public static Open311Node Updates(IEnumerable<Open311Update> updates) => new Open311List("service_request_updates", updates.Select(u =>
        (Open311Node)new Open311Object("request_update",
            new Open311Value("update_id", u.UpdateId),
            new Open311Value("service_request_id", u.RequestId),
            new Open311Value("status", ExtendedStatus(u.Status)),
            new Open311Value("updated_datetime", u.At),
            new Open311Value("description", u.Description),
            new Open311Value("media_url", null),
            new Open311Value("external_status_code", u.Status.ToString()))).ToList());

    public static Open311Node UpdateCreated(string updateId) => new Open311List("service_request_updates",
        [new Open311Object("request_update", new Open311Value("update_id", updateId))]);

    /// <summary>The update id of a report's event: its tracking code and the event's number, unique and stable.</summary>
    public static string UpdateId(string trackingCode, int sequence) =>
        trackingCode + "-" + sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
