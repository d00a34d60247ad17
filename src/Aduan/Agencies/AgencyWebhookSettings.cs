using Aduan.Infrastructure;
using Microsoft.AspNetCore.DataProtection;

namespace Aduan.Agencies;

/// <summary>
/// Setting and removing an agency's webhook, for the admin API and the admin pages alike: the
/// address must be http(s) without a user name or password, on a host that resolves to public
/// addresses only (<see cref="WebhookTargets"/>); the secret is stored protected and never shown
/// again. The caller saves.
/// </summary>
public sealed class AgencyWebhookSettings(AgencyWebhooks webhooks, WebhookTargets targets, AuditTrail audit)
{
    public const int MinSecretLength = 16;

    /// <summary>The trimmed address and secret, or nulls with the reasons in <paramref name="v"/> (fields "url" and "secret").</summary>
    public async Task<(string? Url, string? Secret)> CheckAsync(Validation v, string? url, string? secret, CancellationToken ct)
    {
        var checkedUrl = v.Text("url", url, 1, 500, required: true);
        if (checkedUrl is not null)
        {
            var key = !(Uri.TryCreate(checkedUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.Host.Length > 0)
                ? "Field.Url"
                : uri.UserInfo.Length > 0
                    ? "Field.UrlUserInfo"
                    : (await targets.CheckAsync(uri.Host, ct)).Verdict switch
                    {
                        WebhookHost.Internal => "Field.UrlInternal",
                        WebhookHost.Unresolvable => "Field.UrlUnresolvable",
                        _ => null,
                    };
            if (key is not null)
            {
                v.Add("url", key, uri?.Host ?? "");
                checkedUrl = null;
            }
        }

        return (checkedUrl, v.Text("secret", secret, MinSecretLength, 200, required: true));
    }

    public void Set(Agency agency, string url, string secret, string actorName, string? actorUserId)
    {
        agency.WebhookUrl = url;
        agency.WebhookSecret = webhooks.Secrets.Protect(secret);
        audit.Record(actorName, actorUserId, "agency.webhook.set", agency.Code, new { url });
    }

    public void Remove(Agency agency, string actorName, string? actorUserId)
    {
        (agency.WebhookUrl, agency.WebhookSecret) = (null, null);
        audit.Record(actorName, actorUserId, "agency.webhook.remove", agency.Code);
    }
}
