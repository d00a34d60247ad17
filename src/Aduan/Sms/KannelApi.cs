using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Aduan.Sms;

/// <summary>
/// Kannel's sms-service calls this for every incoming SMS (<c>get-url</c>, see docs/kannel.conf):
/// <c>GET /api/v1/sms/kannel?secret=...&amp;from=%p&amp;to=%P&amp;text=%b&amp;id=%I</c>. The answer is an
/// empty 200 once the message is stored (the service sets <c>max-messages = 0</c>): replies go out
/// later through <c>sendsms</c>, from the outbox.
/// </summary>
public static class KannelApi
{
    public static void MapKannelApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/sms/kannel", Receive).ExcludeFromDescription();

    public static async Task<Results<Ok, BadRequest, StatusCodeHttpResult>> Receive(
        HttpContext context, string? from, string? text, string? id, SmsInbox inbox, IOptions<SmsOptions> options, CancellationToken ct)
    {
        if (SmsGatewayAccess.Refusal(context, options.Value) is { } refusal)
        {
            // The bare status: a gateway needs no explanation, and a prober gets none.
            context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            return TypedResults.StatusCode(refusal);
        }

        if (string.IsNullOrWhiteSpace(id) || id.Length > 100 || string.IsNullOrWhiteSpace(from) || from.Length > 40)
        {
            return TypedResults.BadRequest();
        }

        if (await inbox.StoreAsync(new InboundSms(KannelGateway.GatewayName, id, from, text ?? ""), ct) is { } stored)
        {
            await inbox.TryProcessAsync(stored, ct);
        }

        return TypedResults.Ok();
    }
}
