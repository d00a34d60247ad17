using System.Net;
using Aduan.Agencies;

namespace Aduan.Tests.Agencies;

/// <summary>Which addresses a webhook may reach: public unicast only, also when IPv4 hides inside IPv6.</summary>
public sealed class WebhookTargetsTests
{
    public static TheoryData<string> Internal => new()
    {
        "127.0.0.1", "127.255.255.254", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.254", "192.168.0.1", "192.168.255.255",
        "169.254.169.254", "169.254.0.1", "100.64.0.1", "100.127.255.254", "0.0.0.0", "0.1.2.3", "224.0.0.1", "239.255.255.250",
        "240.0.0.1", "255.255.255.255", "192.0.0.170", "198.18.0.1",
        "::1", "::", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::ffff:192.168.1.1", "::127.0.0.1",
        "fc00::1", "fd12:3456::1", "fe80::1", "fe80::1%1", "fec0::1", "ff02::1", "ff05::2", "100::1",
        "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "2002:a9fe:a9fe::1", "2001:0:4136:e378::1", "2001:db8::1",
    };

    public static TheoryData<string> Public => new()
    {
        "8.8.8.8", "1.1.1.1", "36.86.63.182", "103.10.20.30", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1",
        "169.253.1.1", "192.169.0.1", "11.0.0.1", "223.255.255.254",
        "::ffff:8.8.8.8", "2001:4860:4860::8888", "2404:6800:4003:c00::64", "64:ff9b::808:808", "2002:808:808::1",
    };

    [Theory]
    [MemberData(nameof(Internal))]
    public void IsPublic_InternalAddress_IsFalse(string address) => Assert.False(WebhookTargets.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [MemberData(nameof(Public))]
    public void IsPublic_PublicAddress_IsTrue(string address) => Assert.True(WebhookTargets.IsPublic(IPAddress.Parse(address)));
}
