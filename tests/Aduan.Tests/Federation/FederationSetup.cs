using Aduan.Open311;
using Aduan.Outbox;
using Aduan.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Federation;

/// <summary>Settings and keys that make Aduan instances peers of each other on loopback ports.</summary>
public static class FederationSetup
{
    public const string HubJurisdiction = "jabarprov.go.id";
    public const string CityJurisdiction = "bekasikota.go.id";
    public const string CityName = "bekasikota";

    /// <summary>The key the city issued to the hub (stored in the city's database).</summary>
    public const string CityKeyForHub = "aduan_0123456789abcdef0123456789abcdef01234567";

    /// <summary>The key the hub issued to the city (stored in the hub's database, named as the member).</summary>
    public const string HubKeyForCity = "aduan_89abcdef0123456789abcdef0123456789abcdef";

    public static AduanFactory Hub(int hubPort, int cityPort) => AduanFactory.With(
        ("Aduan:Open311:JurisdictionId", HubJurisdiction),
        ("Aduan:Federation:AllowLoopback", "true"),
        ("Aduan:Federation:PollEnabled", "false"),
        ("Aduan:Federation:Members:0:Name", CityName),
        ("Aduan:Federation:Members:0:BaseUrl", $"http://127.0.0.1:{cityPort}/open311/v2/"),
        ("Aduan:Federation:Members:0:JurisdictionId", CityJurisdiction),
        ("Aduan:Federation:Members:0:ApiKey", CityKeyForHub),
        ("Aduan:Federation:Members:0:Agencies:0", "DBMSDA"),
        ("Aduan:PublicBaseUrl", $"http://127.0.0.1:{hubPort}"));

    public static AduanFactory City(int hubPort, int cityPort) => AduanFactory.With(
        ("Aduan:Open311:JurisdictionId", CityJurisdiction),
        ("Aduan:Federation:AllowLoopback", "true"),
        ("Aduan:Federation:PollEnabled", "false"),
        ("Aduan:Federation:Upstream:BaseUrl", $"http://127.0.0.1:{hubPort}/open311/v2/"),
        ("Aduan:Federation:Upstream:JurisdictionId", HubJurisdiction),
        ("Aduan:Federation:Upstream:ApiKey", HubKeyForCity),
        ("Aduan:PublicBaseUrl", $"http://127.0.0.1:{cityPort}"));

    /// <summary>Stores a key with a known secret, as <c>apikey create NAME --federation</c> would with a random one.</summary>
    public static Task AddKeyAsync(AduanFactory app, string name, string secret, bool federation = true) => app.WithDbAsync(async db =>
    {
        db.ApiKeys.Add(new ApiKey
        {
            Name = name, Hash = ApiKeys.Hash(secret), Prefix = secret[..10], CreatedAt = AduanFactory.Start, CreatedBy = "test",
            Federation = federation,
        });
        return await db.SaveChangesAsync();
    });

    /// <summary>One round of the app's outbox, as its dispatcher would run it (tests turn the background loop off).</summary>
    public static Task<int> DeliverAsync(AduanFactory app) => app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(default);
}
