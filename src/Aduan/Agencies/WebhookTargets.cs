using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Aduan.Agencies;

/// <summary>Name resolution for webhooks: the system's DNS (tests supply their own names).</summary>
public interface IWebhookDns
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct);
}

public sealed class SystemWebhookDns : IWebhookDns
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) => Dns.GetHostAddressesAsync(host, ct);
}

/// <summary>What <see cref="WebhookTargets.CheckAsync"/> found for a host.</summary>
public enum WebhookHost
{
    Allowed,

    /// <summary>The host is, or resolves to at least one, loopback, private, link-local, multicast or otherwise non-public address.</summary>
    Internal,

    Unresolvable,
}

/// <summary>The connection to an internal address that <see cref="WebhookTargets"/> refused (inside the HttpRequestException).</summary>
public sealed class WebhookAddressException(string host) : IOException($"The webhook host '{host}' is not a public address.");

/// <summary>
/// Where agency webhooks may connect: public addresses only, unless the host is one of
/// <see cref="WebhookOptions.AllowedInternalHosts"/>. A URL is checked when an admin saves it, and
/// again for every delivery at connect time (<see cref="ConnectAsync"/>): the name is resolved, every
/// address it resolves to is checked, and the connection goes only to those checked addresses. So
/// spellings of an address (2130706433, 0x7f.1, [::ffff:127.0.0.1]), names that resolve to
/// loopback, and a name that changes its answer after it was saved (DNS rebinding) reach nothing.
/// </summary>
public sealed class WebhookTargets(IOptions<WebhookOptions> options, IWebhookDns dns)
{
    /// <summary>Whether <paramref name="host"/> (a URL's host, with or without brackets) may be called, and at which addresses.</summary>
    public async Task<(WebhookHost Verdict, IPAddress[] Addresses)> CheckAsync(string host, CancellationToken ct)
    {
        var bare = Bare(host);
        IPAddress[] addresses;
        if (IPAddress.TryParse(bare, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await dns.ResolveAsync(bare, ct);
            }
            catch (SocketException)
            {
                return (WebhookHost.Unresolvable, []);
            }
        }

        if (addresses.Length == 0)
        {
            return (WebhookHost.Unresolvable, []);
        }

        var allowed = addresses.All(IsPublic) || options.Value.AllowedInternalHosts.Any(h => SameHost(h, bare));
        return (allowed ? WebhookHost.Allowed : WebhookHost.Internal, addresses);
    }

    /// <summary>The webhook client's <see cref="SocketsHttpHandler.ConnectCallback"/>: connects only to checked addresses.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var (verdict, addresses) = await CheckAsync(context.DnsEndPoint.Host, ct);
        switch (verdict)
        {
            case WebhookHost.Internal:
                throw new WebhookAddressException(context.DnsEndPoint.Host);
            case WebhookHost.Unresolvable:
                throw new SocketException((int)SocketError.HostNotFound);
        }

        return await ConnectToFirstAsync(addresses, context.DnsEndPoint.Port, ct);
    }

    /// <summary>A connection to the first of the checked addresses that answers (never to a name resolved anew).</summary>
    public static async ValueTask<Stream> ConnectToFirstAsync(IReadOnlyList<IPAddress> addresses, int port, CancellationToken ct)
    {
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    /// <summary>
    /// Global unicast only: not loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local
    /// (169.254/16 with the cloud metadata address, fe80::/10), CGNAT (100.64/10), unspecified,
    /// multicast, broadcast or reserved; IPv4 inside IPv6 (mapped, NAT64, 6to4) is judged as IPv4.
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var b = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return IsPublicV4(b);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        if (b.AsSpan(0, 12).SequenceEqual((ReadOnlySpan<byte>)[0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0]))
        {
            return IsPublicV4(b[12..]); // NAT64 (64:ff9b::/96)
        }

        return (b[0] & 0xE0) == 0x20 // 2000::/3; everything else (::1, ::, fc00::/7, fe80::/10, ff00::/8, ...) is not public
            && !(b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00) // Teredo, 2001::/32
            && !(b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) // documentation, 2001:db8::/32
            && !(b[0] == 0x20 && b[1] == 0x02 && !IsPublicV4(b[2..6])); // 6to4, 2002::/16, carries an IPv4 address
    }

    private static bool IsPublicV4(byte[] b) =>
        !(b[0] is 0 or 10 or 127 or >= 224 // "this network", private, loopback, multicast, reserved and broadcast
            || (b[0] == 100 && b[1] is >= 64 and <= 127) // CGNAT
            || (b[0] == 169 && b[1] == 254) // link-local, cloud metadata
            || (b[0] == 172 && b[1] is >= 16 and <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 192 && b[1] == 0 && b[2] == 0) // IETF protocol assignments
            || (b[0] == 198 && b[1] is 18 or 19)); // benchmarking

    private static string Bare(string host) => host.Trim().TrimStart('[').TrimEnd(']').TrimEnd('.');

    /// <summary>Whether <paramref name="host"/> is the one an admin allowed: IP addresses by value, names in any case.</summary>
    public static bool SameHost(string allowed, string host)
    {
        var a = Bare(allowed);
        return IPAddress.TryParse(a, out var x) && IPAddress.TryParse(host, out var y)
            ? x.Equals(y)
            : string.Equals(a, host, StringComparison.OrdinalIgnoreCase);
    }
}
