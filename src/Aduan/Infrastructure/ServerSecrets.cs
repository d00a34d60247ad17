using System.Collections.Concurrent;
using System.Security.Cryptography;
using Aduan.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Infrastructure;

/// <summary>
/// Named 32-byte secrets, made at random on first use and shared by every instance on the database
/// (the first to store one wins; the others read it). Cached for the life of the process.
/// </summary>
public sealed class ServerSecrets(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider time)
{
    /// <summary>The key of <see cref="Complaints.Supporters"/>' hashes.</summary>
    public const string Supporters = "supporters";

    private readonly ConcurrentDictionary<string, byte[]> cache = new();
    private readonly IDataProtector protector = protection.CreateProtector("Aduan.ServerSecrets");

    public async Task<byte[]> GetAsync(string name, CancellationToken ct)
    {
        if (cache.TryGetValue(name, out var known))
        {
            return known;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        var stored = await db.ServerSecrets.AsNoTracking().Where(s => s.Name == name).Select(s => s.ProtectedValue).SingleOrDefaultAsync(ct);
        if (stored is null)
        {
            var fresh = RandomNumberGenerator.GetBytes(32);
            db.ServerSecrets.Add(new ServerSecret { Name = name, ProtectedValue = protector.Protect(Convert.ToBase64String(fresh)), CreatedAt = time.Now() });
            try
            {
                await db.SaveChangesAsync(ct);
                stored = db.ServerSecrets.Local.Single(s => s.Name == name).ProtectedValue;
            }
            catch (DbUpdateException)
            {
                // Another instance stored it first: theirs is the one.
                db.ChangeTracker.Clear();
                stored = await db.ServerSecrets.AsNoTracking().Where(s => s.Name == name).Select(s => s.ProtectedValue).SingleAsync(ct);
            }
        }

        return cache.GetOrAdd(name, Convert.FromBase64String(protector.Unprotect(stored)));
    }
}
