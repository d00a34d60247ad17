using System.Net;
using System.Net.Sockets;
using Aduan.Agencies;
using Microsoft.Extensions.Options;

namespace Aduan.Federation;

/// <summary>The connection to a peer address that <see cref="FederationTargets"/> refused (inside the HttpRequestException).</summary>
public sealed class FederationAddressException(string host) : IOException($"The federation peer '{host}' is not at an allowed address.");

/// <summary>
/// The federation client's <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the peer's
/// host, refuses it when any address is loopback (unless <see cref="FederationOptions.AllowLoopback"/>),
/// private, link-local or otherwise internal (unless the host is one of
/// <see cref="FederationOptions.AllowedInternalHosts"/>), and connects only to the addresses it checked,
/// so a name that later resolves inside the network reaches nothing.
/// </summary>
public sealed class FederationTargets(IOptions<FederationOptions> options, IWebhookDns dns)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await dns.ResolveAsync(host, ct);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        if (!addresses.All(a => FederationOptionsValidator.Allowed(a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a, host, options.Value)))
        {
            throw new FederationAddressException(host);
        }

        return await WebhookTargets.ConnectToFirstAsync(addresses, context.DnsEndPoint.Port, ct);
    }
}
