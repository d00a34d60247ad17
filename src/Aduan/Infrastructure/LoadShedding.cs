using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Aduan.Infrastructure;

/// <summary>
/// Under more load than the machine can serve, answer quickly with 503 and Retry-After instead of
/// queueing without end and falling over. Health checks are never shed, so an orchestrator can
/// still see the instance is alive.
/// </summary>
public sealed class LoadShedding(RequestDelegate next, IOptions<AduanOptions> options) : IDisposable
{
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.MaxConcurrentRequests,
        QueueLimit = options.Value.MaxQueuedRequests,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/health"))
        {
            await next(context);
            return;
        }

        using var lease = await _limiter.AcquireAsync(1, context.RequestAborted);
        if (!lease.IsAcquired)
        {
            AduanMetrics.Rejected("busy");
            context.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            var problems = context.RequestServices.GetRequiredService<Problems>();
            await problems.Create(StatusCodes.Status503ServiceUnavailable, "busy", "Problem.Unavailable.Title",
                problems.T["Problem.Unavailable.Detail", options.Value.RetryAfterSeconds]).ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    public void Dispose() => _limiter.Dispose();
}
