using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Aduan.Identity;

/// <summary>Section <c>Aduan:SignIn</c>: how wrong passwords slow further tries down.</summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "Aduan:SignIn";

    /// <summary>Wrong passwords for one account from one address before each further try must wait (1 s, 2 s, 4 s, ... up to <see cref="MaxWait"/>).</summary>
    [Range(1, 1000)]
    public int FreeFailuresPerAccountAndAddress { get; set; } = 3;

    /// <summary>Wrong passwords from one address, whatever the account, before it is slowed down the same way.</summary>
    [Range(1, 100_000)]
    public int FreeFailuresPerAddress { get; set; } = 20;

    /// <summary>Wrong passwords for one account from anywhere before every try for it waits, at most <see cref="MaxAccountWait"/>.</summary>
    [Range(1, 100_000)]
    public int FreeFailuresPerAccount { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Short on purpose: someone guessing from many addresses slows the account down for everyone,
    /// but never locks its owner out for long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MaxAccountWait { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Back-off instead of a lock anyone could trigger: wrong passwords make the next try wait, longer
/// for each, per account and address (the owner at their own desk is not slowed by an attacker
/// elsewhere), per address, and briefly per account. Kept in this instance's memory, bounded.
/// </summary>
public sealed class SignInThrottle(TimeProvider time, IOptions<SignInThrottleOptions> options) : IDisposable
{
    private sealed record Failures(int Count, DateTimeOffset NotBefore);

    private readonly MemoryCache _failures = new(new MemoryCacheOptions { SizeLimit = 200_000 });

    /// <summary>How long until this account may be tried again from this address; zero when it may now.</summary>
    public TimeSpan Wait(string account, string address)
    {
        var now = time.GetUtcNow();
        var until = new[] { Pair(account, address), Address(address), Account(account) }
            .Select(key => _failures.TryGetValue(key, out Failures? f) ? f!.NotBefore : DateTimeOffset.MinValue).Max();
        return until > now ? until - now : TimeSpan.Zero;
    }

    public void Failed(string account, string address)
    {
        var o = options.Value;
        Record(Pair(account, address), o.FreeFailuresPerAccountAndAddress, o.MaxWait);
        Record(Address(address), o.FreeFailuresPerAddress, o.MaxWait);
        Record(Account(account), o.FreeFailuresPerAccount, o.MaxAccountWait);
    }

    /// <summary>The right password: this account starts afresh (the address keeps its record).</summary>
    public void Succeeded(string account, string address)
    {
        _failures.Remove(Pair(account, address));
        _failures.Remove(Account(account));
    }

    private void Record(string key, int free, TimeSpan max)
    {
        var count = (_failures.TryGetValue(key, out Failures? f) ? f!.Count : 0) + 1;
        var over = count - free;
        var wait = over <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(max.TotalSeconds, Math.Pow(2, Math.Min(over - 1, 30))));
        _failures.Set(key, new Failures(count, time.GetUtcNow() + wait),
            new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
    }

    private static string Pair(string account, string address) => $"pair|{account.ToUpperInvariant()}|{address}";

    private static string Address(string address) => "address|" + address;

    private static string Account(string account) => "account|" + account.ToUpperInvariant();

    public void Dispose() => _failures.Dispose();
}
