using Aduan.Complaints;
using Aduan.Federation;
using Aduan.Open311;

namespace Aduan.Tests.Federation;

public sealed class FederationOptionsTests
{
    private static FederationOptions WithUpstream(string baseUrl, bool allowLoopback = false) => new()
    {
        AllowLoopback = allowLoopback,
        Upstream = new FederationPeer { BaseUrl = baseUrl, JurisdictionId = "jabarprov.go.id", ApiKey = "aduan_kunci" },
    };

    private static List<string> Errors(FederationOptions o) =>
        new FederationOptionsValidator().Validate(null, o).Failures?.ToList() ?? [];

    [Fact]
    public void Validate_PublicHubWithTrailingSlash_Accepted() =>
        Assert.Empty(Errors(WithUpstream("https://lapor.jabarprov.go.id/open311/v2/")));

    [Fact]
    public void Validate_NoTrailingSlash_NamesTheSetting()
    {
        var error = Assert.Single(Errors(WithUpstream("https://lapor.jabarprov.go.id/open311/v2")));
        Assert.StartsWith("Aduan:Federation:Upstream:BaseUrl", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/open311/v2/", false, true)]
    [InlineData("http://127.0.0.1:8080/open311/v2/", true, false)]
    [InlineData("http://[::1]/open311/v2/", true, false)]
    [InlineData("http://10.1.2.3/open311/v2/", true, true)]
    [InlineData("http://169.254.169.254/open311/v2/", true, true)]
    [InlineData("http://192.168.1.10/open311/v2/", false, true)]
    public void Validate_InternalAddress_RefusedUnlessLoopbackIsAllowed(string url, bool allowLoopback, bool refused)
    {
        var errors = Errors(WithUpstream(url, allowLoopback));

        Assert.Equal(refused, errors.Any(e => e.Contains("loopback, private or link-local", StringComparison.Ordinal)));
    }

    [Fact]
    public void Validate_MemberWithoutAgencyOrCategoryAndDuplicateName_BothReported()
    {
        FederationMember Member() => new() { Name = "bekasikota", BaseUrl = "https://aduan.bekasikota.go.id/open311/v2/", JurisdictionId = "bekasikota.go.id", ApiKey = "k" };
        var o = new FederationOptions { Members = [Member(), Member()] };
        o.Members[0].Agencies.Add("DBMSDA");

        var errors = Errors(o);

        Assert.Contains(errors, e => e.StartsWith("Aduan:Federation:Members:1:Name 'bekasikota' is used by two members", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Aduan:Federation:Members:1: name at least one of Agencies or Categories", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.StartsWith("Aduan:Federation:Members:0", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("open", null, ComplaintStatus.Submitted)]
    [InlineData("closed", null, ComplaintStatus.Resolved)]
    [InlineData("IN_PROGRESS", null, ComplaintStatus.InProgress)]
    [InlineData("in progress", null, ComplaintStatus.InProgress)]
    [InlineData("FIXED", null, ComplaintStatus.FollowedUp)]
    [InlineData("NOT_COUNCILS_RESPONSIBILITY", null, ComplaintStatus.Referred)]
    [InlineData("FIXED", "Resolved", ComplaintStatus.Resolved)]
    [InlineData("open", "INVESTIGATING", ComplaintStatus.Submitted)]
    public void StatusFrom_TheirWords_OurState(string status, string? external, ComplaintStatus expected) =>
        Assert.Equal(expected, Open311Mapping.StatusFrom(status, external));

    [Fact]
    public void StatusFrom_EveryExtendedStatusWeWrite_ReadsBackToAStateOfTheSameKind()
    {
        foreach (var status in Enum.GetValues<ComplaintStatus>())
        {
            var back = Open311Mapping.StatusFrom(Open311Mapping.ExtendedStatus(status));
            Assert.NotNull(back);
            Assert.Equal(Open311Mapping.ExtendedStatus(status), Open311Mapping.ExtendedStatus(back.Value));
        }
    }
}
