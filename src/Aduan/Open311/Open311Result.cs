namespace Aduan.Open311;

/// <summary>An answer in the format the resource's suffix asked for, UTF-8 as the spec requires.</summary>
public sealed class Open311Result(Open311Node document, Open311Format format, int status = StatusCodes.Status200OK) : IResult
{
    public static Open311Result Error(Open311Format format, params Open311Error[] errors) =>
        new(new Open311List("errors", errors.Select(e => (Open311Node)new Open311Object("error",
            new Open311Value("code", e.Code), new Open311Value("description", e.Description))).ToList()), format, errors[0].Code);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = format == Open311Format.Xml ? "text/xml; charset=utf-8" : "application/json; charset=utf-8";
        await Open311Writer.WriteAsync(response.Body, document, format, httpContext.RequestAborted);
    }

    /// <summary>The suffix of a resource: <c>xml</c> or <c>json</c>, any case; anything else is null.</summary>
    public static Open311Format? ParseFormat(string? suffix) => suffix?.ToLowerInvariant() switch
    {
        "xml" => Open311Format.Xml,
        "json" => Open311Format.Json,
        _ => null,
    };

    /// <summary>The format a path's suffix names (<c>…/requests.json</c>), for answers given before a handler ran.</summary>
    public static Open311Format? FormatOf(PathString path)
    {
        var value = path.Value ?? "";
        var dot = value.LastIndexOf('.');
        return dot < 0 ? null : ParseFormat(value[(dot + 1)..]);
    }
}
