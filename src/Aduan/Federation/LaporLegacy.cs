using System.Xml;
using System.Xml.Linq;
using Aduan.Complaints;
using Aduan.Infrastructure;
using Aduan.Open311;
using Aduan.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Aduan.Federation;

/// <summary>
/// The legacy LAPOR! XML stream, as an adapter over the one intake (channel Hub), off unless
/// <c>Aduan:Federation:Lapor:Enabled</c>. A post carries a federation API key as <c>token</c> and one
/// or more reports:
/// <code>
/// &lt;lapor token="aduan_…"&gt;
///   &lt;pelapor&gt;&lt;nama&gt;…&lt;/nama&gt;&lt;telepon&gt;…&lt;/telepon&gt;&lt;email&gt;…&lt;/email&gt;&lt;/pelapor&gt;
///   &lt;laporan id="LAPOR-123" rahasia="0" anonim="1" kategori="JALAN"&gt;&lt;judul&gt;…&lt;/judul&gt;&lt;isi&gt;…&lt;/isi&gt;&lt;lokasi&gt;…&lt;/lokasi&gt;&lt;/laporan&gt;
/// &lt;/lapor&gt;
/// </code>
/// and is answered <c>&lt;lapor&gt;&lt;laporan id="LAPOR-123"&gt;&lt;trackingid&gt;CODE&lt;/trackingid&gt;&lt;/laporan&gt;&lt;/lapor&gt;</c>, or
/// <c>&lt;error&gt;</c> per refused report. A report's <c>id</c> is its external id: resent, it answers the first report.
/// </summary>
public static class LaporLegacy
{
    public const string Path = "/api/v1/lapor/stream";

    public static IEndpointRouteBuilder MapLaporLegacy(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, ReceiveAsync).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, IOptions<FederationOptions> options, ApiKeys keys, Open311Limiter limiter,
        ComplaintIntake intake, ExternalIds externalIds, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var o = options.Value.Lapor;
        if (!o.Enabled)
        {
            return Answer(404, Error(t["Lapor.Error.Disabled"]));
        }

        var document = await ReadAsync(http.Request, o.MaxBytes, ct);
        if (document?.Root is not { Name.LocalName: "lapor" } root)
        {
            return Answer(400, Error(t["Lapor.Error.Xml"]));
        }

        var key = await keys.FindActiveAsync((string?)root.Attribute("token"), ct);
        if (key is not { Federation: true })
        {
            return Answer(403, Error(t["Lapor.Error.Token"]));
        }

        if (!limiter.TryAcquire(key))
        {
            return Answer(429, Error(t["Open311.Error.RateLimited"]));
        }

        var reports = root.Elements("laporan").ToList();
        if (reports.Count == 0 || reports.Count > o.MaxReports)
        {
            return Answer(400, Error(t["Lapor.Error.Count", o.MaxReports]));
        }

        var pelapor = root.Element("pelapor");
        var answer = new XElement("lapor");
        foreach (var laporan in reports)
        {
            answer.Add(await SubmitAsync(laporan, pelapor, key, intake, externalIds, t, ct));
        }

        return Answer(answer.Elements().All(e => e.Element("error") is not null) ? 400 : 200, answer);
    }

    private static async Task<XElement> SubmitAsync(XElement laporan, XElement? pelapor, ApiKey key, ComplaintIntake intake, ExternalIds externalIds,
        IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var id = Text(laporan.Attribute("id")?.Value);
        var result = new XElement("laporan", id is null ? null : new XAttribute("id", id));
        if (id is null || id.Length > Complaint.MaxExternalIdLength)
        {
            result.Add(new XElement("error", t["Lapor.Error.Id", Complaint.MaxExternalIdLength].Value));
            return result;
        }

        if (await externalIds.FindAsync(key, id, ct) is { } earlier)
        {
            result.Add(new XElement("trackingid", earlier));
            return result;
        }

        var privacy = Yes(laporan.Attribute("rahasia")?.Value) ? PrivacyMode.Confidential
            : Yes(laporan.Attribute("anonim")?.Value) ? PrivacyMode.Anonymous
            : PrivacyMode.Public;
        var request = new IntakeRequest(Channel.Hub, Text(laporan.Element("isi")?.Value))
        {
            Title = Text(laporan.Element("judul")?.Value), Category = Text(laporan.Attribute("kategori")?.Value), Privacy = privacy,
            Reporter = new ReporterRequest(Text(pelapor?.Element("nama")?.Value), Text(pelapor?.Element("telepon")?.Value),
                Text(pelapor?.Element("email")?.Value)),
            Location = new LocationRequest(Text(laporan.Element("lokasi")?.Value)),
            IdempotencyKey = $"lapor/{key.Id}/{id}", Submitter = new Actor(ActorKind.Reporter, key.ActorId, "LAPOR!: " + key.Name),
        };
        var v = new Validation(t);
        switch (await intake.SubmitAsync(request, v, ct))
        {
            case IntakeOutcome.Stored stored:
                result.Add(new XElement("trackingid", await externalIds.LinkAsync(stored.Complaint, key, id, ct)));
                break;
            case IntakeOutcome.KeyReused:
                result.Add(new XElement("error", t["Problem.Idempotency.Detail"].Value));
                break;
            default:
                foreach (var (field, messages) in v.Errors)
                {
                    result.Add(messages.Select(m => new XElement("error", new XAttribute("field", field), m)));
                }

                break;
        }

        return result;
    }

    /// <summary>At most <paramref name="limit"/> bytes, no DTD, no external entities; null when it is not well-formed XML or too long.</summary>
    private static async Task<XDocument?> ReadAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, Async = true };
        try
        {
            using var reader = XmlReader.Create(buffer, settings);
            return await XDocument.LoadAsync(reader, LoadOptions.None, ct);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static XElement Error(string message) => new("lapor", new XElement("error", message));

    private static IResult Answer(int status, XElement body) =>
        Results.Text(new XDocument(new XDeclaration("1.0", "utf-8", null), body).Declaration + "\n" + body, "text/xml; charset=utf-8",
            System.Text.Encoding.UTF8, status);

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool Yes(string? value) => value?.Trim().ToLowerInvariant() is "1" or "true" or "ya" or "y";
}
