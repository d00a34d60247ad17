using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Aduan.Data;
using Aduan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Open311;

/// <summary>Creates, lists, revokes and checks API keys, for the command line and the admin page; every change is audited.</summary>
public sealed partial class ApiKeys(AduanDbContext db, AuditTrail audit, TimeProvider time)
{
    public const string KeyPrefix = "aduan_";

    /// <summary>A new key and the secret to hand over once; or the resource key of why not.</summary>
    public sealed record Created(ApiKey? Key, string? Secret, string? ErrorKey);

    public async Task<Created> CreateAsync(string? name, string actorName, string? actorUserId, CancellationToken ct, bool federation = false)
    {
        name = name?.Trim().ToLowerInvariant();
        if (name is null || !NamePattern().IsMatch(name))
        {
            return new Created(null, null, "ApiKeys.NameInvalid");
        }

        if (await db.ApiKeys.AnyAsync(k => k.Name == name, ct))
        {
            return new Created(null, null, "ApiKeys.NameTaken");
        }

        var secret = KeyPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        var key = new ApiKey
        {
            Name = name, Hash = Hash(secret), Prefix = secret[..(KeyPrefix.Length + 4)], CreatedAt = time.Now(), CreatedBy = actorName,
            Federation = federation,
        };
        db.ApiKeys.Add(key);
        audit.Record(actorName, actorUserId, "apikey.create", name, new { key.Prefix, key.Federation });
        await db.SaveChangesAsync(ct);
        return new Created(key, secret, null);
    }

    public Task<List<ApiKey>> ListAsync(CancellationToken ct) =>
        db.ApiKeys.AsNoTracking().OrderBy(k => k.Name).ToListAsync(ct);

    /// <summary>Revokes the key with this name or id; null when there is none. Revoking twice keeps the first instant.</summary>
    public async Task<ApiKey?> RevokeAsync(string nameOrId, string actorName, string? actorUserId, CancellationToken ct)
    {
        var wanted = nameOrId.Trim().ToLowerInvariant();
        var key = long.TryParse(wanted, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id || k.Name == wanted, ct)
            : await db.ApiKeys.SingleOrDefaultAsync(k => k.Name == wanted, ct);
        if (key is null || !key.IsActive)
        {
            return key;
        }

        key.RevokedAt = time.Now();
        key.RevokedBy = actorName;
        audit.Record(actorName, actorUserId, "apikey.revoke", key.Name, new { key.Prefix });
        await db.SaveChangesAsync(ct);
        return key;
    }

    /// <summary>The active key with this secret, or null (unknown, revoked, or not a key at all).</summary>
    public async Task<ApiKey?> FindActiveAsync(string? secret, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 100)
        {
            return null;
        }

        var hash = Hash(secret.Trim());
        return await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Hash == hash && k.RevokedAt == null, ct);
    }

    /// <summary>SHA-256 is enough: the keys are 160 random bits, not passwords a person chose.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,59}$")]
    private static partial Regex NamePattern();
}
