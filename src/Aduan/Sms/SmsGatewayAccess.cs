using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Aduan.Sms;

/// <summary>Who may deliver incoming SMS: the shared secret and/or the allowed addresses (<see cref="SmsOptions"/>).</summary>
public static class SmsGatewayAccess
{
    public const string SecretHeader = "X-Aduan-Sms-Secret";

    /// <summary>Null when allowed; else 401 (no or a wrong secret) or 403 (an address not allowed, or nothing configured).</summary>
    public static int? Refusal(HttpContext context, SmsOptions o)
    {
        var hasSecret = !string.IsNullOrEmpty(o.SharedSecret);
        if (!hasSecret && o.AllowedAddresses.Count == 0)
        {
            return StatusCodes.Status403Forbidden; // the channel is not configured: nobody may deliver
        }

        if (o.AllowedAddresses.Count > 0 && !Allowed(context.Connection.RemoteIpAddress, o.AllowedAddresses))
        {
            return StatusCodes.Status403Forbidden;
        }

        if (hasSecret)
        {
            var given = context.Request.Headers[SecretHeader].FirstOrDefault() ?? context.Request.Query["secret"].FirstOrDefault();
            if (given is null || !CryptographicOperations.FixedTimeEquals(Hash(given), Hash(o.SharedSecret!)))
            {
                return StatusCodes.Status401Unauthorized;
            }
        }

        return null;
    }

    private static bool Allowed(IPAddress? address, List<string> allowed)
    {
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return allowed.Any(a => IPAddress.TryParse(a, out var ok) && ok.Equals(address));
    }

    /// <summary>Equal-length digests, so the comparison takes the same time whatever was sent.</summary>
    private static byte[] Hash(string s) => SHA256.HashData(Encoding.UTF8.GetBytes(s));
}
