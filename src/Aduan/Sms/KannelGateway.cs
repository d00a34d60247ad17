using System.Net;
using System.Text;
using Aduan.Outbox;
using Microsoft.Extensions.Options;

namespace Aduan.Sms;

/// <summary>
/// Sends through Kannel's smsbox <c>sendsms</c> interface: GET with user, password, sender, number
/// and text; UCS-2 (<c>charset=UTF-8&amp;coding=2</c>) when the text is not GSM-7, or Kannel turns
/// what it cannot encode into "?". The URL carries the password: it is never logged or recorded.
/// </summary>
public sealed class KannelGateway(IHttpClientFactory http, IOptions<KannelOptions> options, IOptions<OutboxOptions> outbox) : ISmsGateway
{
    public const string GatewayName = "kannel";
    public const string HttpClientName = "kannel";

    public string Name => GatewayName;

    public async Task<DeliveryResult> SendAsync(string phone, string text, CancellationToken ct)
    {
        var o = options.Value;
        if (string.IsNullOrEmpty(o.SendUrl))
        {
            return new DeliveryResult(DeliveryOutcome.Retry, "Aduan:Sms:Kannel:SendUrl is not set.");
        }

        var query = new StringBuilder()
            .Append("username=").Append(Uri.EscapeDataString(o.Username ?? ""))
            .Append("&password=").Append(Uri.EscapeDataString(o.Password ?? ""))
            .Append("&from=").Append(Uri.EscapeDataString(o.Sender))
            .Append("&to=").Append(Uri.EscapeDataString(phone.TrimStart('+'))) // Kannel's own form of a number, as it delivers them
            .Append("&text=").Append(Uri.EscapeDataString(text));
        if (SmsSegments.Measure(text).Encoding == SmsEncoding.Ucs2)
        {
            query.Append("&charset=UTF-8&coding=2");
        }

        var url = o.SendUrl + (o.SendUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(outbox.Value.DeliveryTimeout);
        try
        {
            using var response = await http.CreateClient(HttpClientName).GetAsync(new Uri(url), timeout.Token);
            var status = (int)response.StatusCode;
            return status switch
            {
                >= 200 and < 300 => DeliveryResult.Ok,
                (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500 =>
                    new DeliveryResult(DeliveryOutcome.Retry, $"Kannel answered HTTP {status}."),
                _ => new DeliveryResult(DeliveryOutcome.Refused, $"Kannel refused it: HTTP {status}."),
            };
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            // The exception's text may name the URL, and so the password: only the category is kept.
            return new DeliveryResult(DeliveryOutcome.Retry, "Kannel unreachable: no connection or no answer in time.");
        }
    }
}
