using System.CommandLine;
using System.Globalization;
using Aduan.Open311;

namespace Aduan.Cli;

/// <summary><c>apikey create|list|revoke</c>: the keys Open311 clients send as <c>api_key</c>.</summary>
public static class ApiKeyCommands
{
    private static string CliActor => "cli:" + Environment.UserName;

    public static Command Build()
    {
        var apikey = new Command("apikey", "API keys for Open311 clients (FixMyStreet, city systems, other Aduan instances).");
        var name = new Argument<string>("name") { Description = "A name for the client: lower case letters, digits, '.', '-', '_' (at most 60)." };
        var federation = new Option<bool>("--federation")
        {
            Description = "A key for another Aduan instance (hub or member city): its reports arrive on channel Hub, deduplicated by their "
                + "external id, and a member's updates move the reports dispatched to it (see Aduan:Federation).",
        };
        var create = new Command("create", "Create a key and print it once; only its hash is kept.") { name, federation };
        create.SetAction((parse, ct) => AduanCli.WithServices((sp, token) =>
            CreateAsync(sp.GetRequiredService<ApiKeys>(), parse.GetValue(name)!, parse.GetValue(federation), token), ct));
        apikey.Subcommands.Add(create);

        var list = new Command("list", "List keys: name, the key's first characters, created, revoked.");
        list.SetAction((_, ct) => AduanCli.WithServices((sp, token) => ListAsync(sp.GetRequiredService<ApiKeys>(), token), ct));
        apikey.Subcommands.Add(list);

        var which = new Argument<string>("name-or-id") { Description = "The key's name or id (as apikey list shows)." };
        var revoke = new Command("revoke", "Revoke a key at once: its requests get 403 from then on.") { which };
        revoke.SetAction((parse, ct) => AduanCli.WithServices((sp, token) => RevokeAsync(sp.GetRequiredService<ApiKeys>(), parse.GetValue(which)!, token), ct));
        apikey.Subcommands.Add(revoke);
        return apikey;
    }

    private static async Task<int> CreateAsync(ApiKeys keys, string name, bool federation, CancellationToken ct)
    {
        var created = await keys.CreateAsync(name, CliActor, null, ct, federation);
        if (created.Key is not { } key)
        {
            await Console.Error.WriteLineAsync(created.ErrorKey == "ApiKeys.NameTaken"
                ? $"A key named {name.Trim().ToLowerInvariant()} exists already (revoked keys keep their names): choose another name."
                : "The name must be 1 to 60 lower case letters, digits, '.', '-' or '_', starting with a letter or digit.");
            return 1;
        }

        Console.WriteLine($"Created API key {key.Name} (id {key.Id}). It is shown only now; give it to the client as api_key:");
        Console.WriteLine(created.Secret);
        return 0;
    }

    private static async Task<int> ListAsync(ApiKeys keys, CancellationToken ct)
    {
        var all = await keys.ListAsync(ct);
        foreach (var k in all)
        {
            var revoked = k.RevokedAt is { } at ? "revoked " + Iso(at) : "active";
            Console.WriteLine($"{k.Id,4}  {k.Name,-30}  {k.Prefix}…  created {Iso(k.CreatedAt)} by {k.CreatedBy}  {revoked}{(k.Federation ? "  federation" : "")}");
        }

        Console.WriteLine($"{all.Count} keys.");
        return 0;
    }

    private static async Task<int> RevokeAsync(ApiKeys keys, string which, CancellationToken ct)
    {
        var key = await keys.RevokeAsync(which, CliActor, null, ct);
        if (key is null)
        {
            await Console.Error.WriteLineAsync($"No API key named or numbered {which}.");
            return 1;
        }

        Console.WriteLine($"Revoked API key {key.Name} (id {key.Id}) at {Iso(key.RevokedAt!.Value)}.");
        return 0;
    }

    private static string Iso(DateTimeOffset at) => at.ToOffset(Open311Writer.Wib).ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);
}
