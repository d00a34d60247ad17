using System.Collections.Concurrent;
using System.Net;
using Aduan.Agencies;

namespace Aduan.Tests.Support;

/// <summary>Names for webhook tests (the machine running them may have no DNS); other names go to the system's resolver.</summary>
public sealed class FakeWebhookDns : IWebhookDns
{
    /// <summary>A public address, the kind an agency's website has (never connected to: only checked).</summary>
    public static readonly IPAddress Public = IPAddress.Parse("36.86.63.182");

    public ConcurrentDictionary<string, IPAddress[]> Names { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
        Names.TryGetValue(host, out var addresses) ? Task.FromResult(addresses) : Dns.GetHostAddressesAsync(host, ct);
}
