using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Aduan.Open311;

/// <summary>
/// The per-key limit: a fixed window per key id, from the same rate-limiting library as the
/// endpoint policies. Not an endpoint policy because a POST carries its key in the form body, which
/// only the handler reads; the key is checked first, so an unknown key cannot fill the table.
/// </summary>
public sealed class Open311Limiter(IOptions<Open311Options> options) : IDisposable
{
    private readonly PartitionedRateLimiter<long> _limiter = PartitionedRateLimiter.Create<long, long>(keyId =>
        RateLimitPartition.GetFixedWindowLimiter(keyId, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.RequestsPerKeyPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        }));

    /// <summary>False when the key used up its requests of this minute.</summary>
    public bool TryAcquire(ApiKey key)
    {
        using var lease = _limiter.AttemptAcquire(key.Id);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
