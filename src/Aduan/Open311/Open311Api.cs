using Aduan.Infrastructure;
using Aduan.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Aduan.Open311;

/// <summary>
/// The GeoReport v2 server at <c>/open311/v2/</c>: every resource in <c>.xml</c> and <c>.json</c>, the
/// FixMyStreet <c>servicerequestupdates</c> extension, and errors in the spec's own
/// <c>&lt;errors&gt;</c> form (never ProblemDetails, never a stack trace). Each handler checks the
/// format and the jurisdiction first, then the key where one is needed.
/// </summary>
public static class Open311Api
{
    public const string Root = "/open311";
    public const string Base = Root + "/v2";

    public static bool Owns(PathString path) => path.StartsWithSegments(Root, StringComparison.OrdinalIgnoreCase);

    public static IEndpointRouteBuilder MapOpen311(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Base).WithTags("Open311").AllowAnonymous().ExcludeFromDescription();
        group.MapGet("/discovery.{format}", Discovery).RequireRateLimiting(RateLimits.PublicRead);
        group.MapGet("/services.{format}", Services).RequireRateLimiting(RateLimits.PublicRead);
        group.MapGet("/services/{code}.{format}", Definition).RequireRateLimiting(RateLimits.PublicRead);
        group.MapGet("/requests.{format}", Requests).RequireRateLimiting(RateLimits.PublicRead);
        group.MapPost("/requests.{format}", Submit);
        group.MapGet("/requests/{id}.{format}", Request).RequireRateLimiting(RateLimits.PublicRead);
        group.MapGet("/tokens/{token}.{format}", Token).RequireRateLimiting(RateLimits.PublicRead);
        group.MapGet("/servicerequestupdates.{format}", Updates).RequireRateLimiting(RateLimits.PublicRead);
        group.MapPost("/servicerequestupdates.{format}", AddUpdate);
        app.MapGet(Root + "/discovery.{format}", Discovery).AllowAnonymous().ExcludeFromDescription().RequireRateLimiting(RateLimits.PublicRead);
        app.Map(Root + "/{**rest}", (HttpContext http, IStringLocalizer<SharedResource> t) =>
            Open311Result.Error(Open311Result.FormatOf(http.Request.Path) ?? Open311Format.Xml, new Open311Error(404, t["Open311.Error.NotFound"])))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>What every request shares: the format, the fields, the jurisdiction check, and the key when one is sent or needed.</summary>
    private sealed record Call(Open311Format Format, Open311Form Form, ApiKey? Key, Open311Result? Refusal);

    private static async Task<Call> BeginAsync(HttpContext http, string format, bool keyRequired, CancellationToken ct)
    {
        var sp = http.RequestServices;
        var t = sp.GetRequiredService<IStringLocalizer<SharedResource>>();
        if (Open311Result.ParseFormat(format) is not { } f)
        {
            return new Call(Open311Format.Xml, new Open311Form([]), null,
                Open311Result.Error(Open311Format.Xml, new Open311Error(404, t["Open311.Error.Format", Validation.Clip(format)])));
        }

        var form = await Open311Form.ReadAsync(http.Request, ct);
        var ours = sp.GetRequiredService<IOptions<Open311Options>>().Value.JurisdictionId;
        if (form["jurisdiction_id"] is { } jurisdiction && !string.Equals(jurisdiction, ours, StringComparison.OrdinalIgnoreCase))
        {
            return new Call(f, form, null,
                Open311Result.Error(f, new Open311Error(404, t["Open311.Error.Jurisdiction", Validation.Clip(jurisdiction), ours])));
        }

        var secret = form["api_key"];
        if (secret is null && !keyRequired)
        {
            return new Call(f, form, null, null);
        }

        var key = await sp.GetRequiredService<ApiKeys>().FindActiveAsync(secret, ct);
        if (key is null)
        {
            return new Call(f, form, null, Open311Result.Error(f, new Open311Error(403, t["Open311.Error.ApiKey"])));
        }

        if (!sp.GetRequiredService<Open311Limiter>().TryAcquire(key))
        {
            http.Response.Headers.RetryAfter = "60";
            return new Call(f, form, key, Open311Result.Error(f, new Open311Error(429, t["Open311.Error.RateLimited"])));
        }

        return new Call(f, form, key, null);
    }

    public static async Task<IResult> Discovery(string format, HttpContext http, IOptions<Open311Options> options,
        IOptions<AduanOptions> site, CancellationToken ct)
    {
        var call = await BeginAsync(http, format, keyRequired: false, ct);
        if (call.Refusal is not null)
        {
            return call.Refusal;
        }

        var o = options.Value;
        // When these resources last changed shape (the spec's changeset): move it with any change to what they answer.
        var changeset = new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero);
        return new Open311Result(new Open311Object("discovery",
            new Open311Value("changeset", changeset),
            new Open311Value("contact", o.Contact),
            new Open311Value("key_service", o.KeyService),
            new Open311List("endpoints",
            [
                new Open311Object("endpoint",
                    new Open311Value("specification", Open311Mapping.Specification),
                    new Open311Value("url", site.Value.PublicSite + Base + "/"),
                    new Open311Value("changeset", changeset),
                    new Open311Value("type", "production"),
                    new Open311List("formats", [new Open311Value("format", "text/xml"), new Open311Value("format", "application/json")])),
            ])), call.Format);
    }

    public static async Task<IResult> Services(string format, HttpContext http, Open311Services services, CancellationToken ct)
    {
        var call = await BeginAsync(http, format, keyRequired: false, ct);
        return call.Refusal ?? new Open311Result(Open311Mapping.Services(await services.ListAsync(ct)), call.Format);
    }

    public static async Task<IResult> Definition(string code, string format, HttpContext http, Open311Services services,
        IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var call = await BeginAsync(http, format, keyRequired: false, ct);
        if (call.Refusal is not null)
        {
            return call.Refusal;
        }

        return await services.FindAsync(code, ct) is { } category
            ? new Open311Result(Open311Mapping.Definition(category.Code, await services.AttributesAsync(ct)), call.Format)
            : Open311Result.Error(call.Format, new Open311Error(404, t["Open311.Error.ServiceNotFound", Validation.Clip(code)]));
    }

    public static async Task<IResult> Requests(string format, HttpContext http, Open311RequestReader reader, Open311Queries queries,
        CancellationToken ct)
    {
        var call = await BeginAsync(http, format, keyRequired: false, ct);
        if (call.Refusal is not null)
        {
            return call.Refusal;
        }

        var (filter, errors) = await reader.ReadAsync(call.Form, ct);
        return errors.Count > 0
            ? Open311Result.Error(call.Format, [.. errors])
            : new Open311Result(Open311Mapping.Requests(await queries.RequestsAsync(filter!, ct)), call.Format);
    }

    public static async Task<IResult> Request(string id, string format, HttpContext http, Open311Queries queries,
        IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var call = await BeginAsync(http, format, keyRequired: false, ct);
        if (call.Refusal is not null)
        {
            return call.Refusal;
        }

        var found = Complaints.TrackingCode.TryNormalize(id, out var code)
            ? await queries.RequestsAsync(new Open311RequestFilter([code], [], [], default, default, 1, 1), ct)
            : [];
        return found.Count == 1
            ? new Open311Result(Open311Mapping.Requests(found), call.Format)
            : Open311Result.Error(call.Format, new Open311Error(404, t["Open311.Error.RequestNotFound", Validation.Clip(id)]));
    }

    /// <summary>Intake answers with the id, so a token is never handed out; a client that asks anyway with the id gets it back.</summary>
    public static async Task<IResult> Token(string token, string format, HttpContext http, Open311Queries queries,
        IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var call = await BeginAsync(http, format, keyRequired: false, ct);
        if (call.Refusal is not null)
        {
            return call.Refusal;
        }

        return Complaints.TrackingCode.TryNormalize(token, out var code) && await queries.ExistsAsync(code, ct)
            ? new Open311Result(Open311Mapping.Token(code, token), call.Format)
            : Open311Result.Error(call.Format, new Open311Error(404, t["Open311.Error.TokenNotFound", Validation.Clip(token)]));
    }

    public static async Task<IResult> Submit(string format, HttpContext http, Open311Intake intake, IOptions<AduanOptions> site,
        IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var call = await BeginAsync(http, format, keyRequired: true, ct);
        if (call.Refusal is not null)
        {
            return call.Refusal;
        }

        var idempotencyKey = http.Request.Headers["Idempotency-Key"].FirstOrDefault();
        var outcome = await intake.SubmitAsync(call.Form, call.Key!, idempotencyKey, ct);
        return outcome.TrackingCode is { } code
            ? new Open311Result(Open311Mapping.Created(code, t["Open311.Notice", $"{site.Value.PublicSite}/lacak/{code}"]), call.Format)
            : Open311Result.Error(call.Format, [.. outcome.Errors]);
    }

    public static async Task<IResult> Updates(string format, HttpContext http, Open311RequestReader reader, Open311Queries queries,
        CancellationToken ct)
    {
        var call = await BeginAsync(http, format, keyRequired: false, ct);
        if (call.Refusal is not null)
        {
            return call.Refusal;
        }

        var (window, errors) = reader.ReadWindow(call.Form);
        return errors.Count > 0
            ? Open311Result.Error(call.Format, [.. errors])
            : new Open311Result(Open311Mapping.Updates(await queries.UpdatesAsync(window!.From, window.To, window.Page, window.PageSize, ct)),
                call.Format);
    }

    public static async Task<IResult> AddUpdate(string format, HttpContext http, Open311Updates updates, CancellationToken ct)
    {
        var call = await BeginAsync(http, format, keyRequired: true, ct);
        if (call.Refusal is not null)
        {
            return call.Refusal;
        }

        var outcome = await updates.AddAsync(call.Form, call.Key!, ct);
        return outcome.Error is { } error
            ? Open311Result.Error(call.Format, error)
            : new Open311Result(Open311Mapping.UpdateCreated(outcome.UpdateId!), call.Format);
    }
}
