using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Aduan.Federation;

/// <summary>
/// Start-up checks of <see cref="FederationOptions"/>, each message naming the setting to fix. A
/// URL's host is checked here as written (a literal loopback or private address); names are checked
/// again at every connection (<see cref="FederationTargets"/>), after resolution.
/// </summary>
public sealed partial class FederationOptionsValidator : IValidateOptions<FederationOptions>
{
    public const string UpstreamName = "upstream";

    public ValidateOptionsResult Validate(string? name, FederationOptions options)
    {
        var errors = new List<string>();
        if (options.Upstream is { } up)
        {
            CheckPeer($"{FederationOptions.Section}:Upstream", up, options, errors);
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Members.Count; i++)
        {
            var m = options.Members[i];
            var at = $"{FederationOptions.Section}:Members:{i}";
            if (!NamePattern().IsMatch(m.Name) || m.Name == UpstreamName)
            {
                errors.Add($"{at}:Name must be 1 to 60 lower case letters, digits, '.', '-' or '_' (and not '{UpstreamName}'), e.g. bekasikota.");
            }
            else if (!names.Add(m.Name))
            {
                errors.Add($"{at}:Name '{m.Name}' is used by two members.");
            }

            if (m.Agencies.Count == 0 && m.Categories.Count == 0)
            {
                errors.Add($"{at}: name at least one of Agencies or Categories (the reports dispatched to them go to this member).");
            }

            if (!NamePattern().IsMatch(m.KeyName))
            {
                errors.Add($"{at}:InboundKeyName must be an API key name (lower case letters, digits, '.', '-', '_').");
            }

            CheckPeer(at, m, options, errors);
        }

        if (options.Lapor.MaxBytes is < 1_000 or > 10_000_000 || options.Lapor.MaxReports is < 1 or > 1000)
        {
            errors.Add($"{FederationOptions.Section}:Lapor: MaxBytes is 1,000 to 10,000,000 and MaxReports 1 to 1000.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckPeer(string at, FederationPeer peer, FederationOptions options, List<string> errors)
    {
        if (!Uri.TryCreate(peer.BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")
            || !peer.BaseUrl.EndsWith('/') || url.Query.Length > 0 || url.Fragment.Length > 0 || url.UserInfo.Length > 0)
        {
            errors.Add($"{at}:BaseUrl must be the peer's Open311 base URL, http(s) with the trailing slash and no query, e.g. https://hub.example.go.id/open311/v2/.");
        }
        else if (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && !Allowed(address, url.Host, options))
        {
            errors.Add($"{at}:BaseUrl points at a loopback, private or link-local address ({url.Host}); "
                + $"set {FederationOptions.Section}:AllowLoopback (loopback only) or {FederationOptions.Section}:AllowedInternalHosts if that is intended.");
        }

        if (!JurisdictionPattern().IsMatch(peer.JurisdictionId))
        {
            errors.Add($"{at}:JurisdictionId must be the peer's jurisdiction_id, a domain-like name such as jabarprov.go.id.");
        }

        if (string.IsNullOrWhiteSpace(peer.ApiKey) || peer.ApiKey.Length > 100)
        {
            errors.Add($"{at}:ApiKey must be the key the peer issued to this instance (at most 100 characters).");
        }
    }

    internal static bool Allowed(IPAddress address, string host, FederationOptions options) =>
        Agencies.WebhookTargets.IsPublic(address)
        || (options.AllowLoopback && IPAddress.IsLoopback(address))
        || options.AllowedInternalHosts.Any(h => Agencies.WebhookTargets.SameHost(h, host.Trim('[', ']').TrimEnd('.')));

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,59}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex JurisdictionPattern();
}
