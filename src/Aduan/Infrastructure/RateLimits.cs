using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Aduan.Infrastructure;

/// <summary>Per-client limits on public intake, on sign-in and on expensive public reads; a rejected request gets 429 with Retry-After.</summary>
public static class RateLimits
{
    public const string Intake = "intake";
    public const string Login = "login";

    /// <summary>Public GETs that cost the database real work; counted per address, reads included.</summary>
    public const string PublicRead = "public-read";

    public static IServiceCollection AddAduanRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(Intake, context => PerClient(context, Options(context).IntakePerMinute));
            o.AddPolicy(Login, context => PerClient(context, Options(context).LoginPerMinute));
            o.AddPolicy(PublicRead, context => PerAddress(context, Options(context).PublicReadsPerMinute));
            o.OnRejected = async (ctx, ct) =>
            {
                AduanMetrics.Rejected("rate-limited");
                ctx.HttpContext.Response.Headers.RetryAfter = "60";
                var problems = ctx.HttpContext.RequestServices.GetRequiredService<Problems>();
                await problems.Create(StatusCodes.Status429TooManyRequests, "rate-limited", "Problem.RateLimited.Title",
                    problems.T["Problem.RateLimited.Detail"]).ExecuteAsync(ctx.HttpContext);
            };
        });
        return services;
    }

    private static AduanOptions Options(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<AduanOptions>>().Value;

    /// <summary>
    /// Posts only. Citizens are counted by address; signed-in staff by account, with ten times the allowance,
    /// so a call center behind one address is not throttled like a single anonymous client.
    /// </summary>
    private static RateLimitPartition<string> PerClient(HttpContext context, int perMinute)
    {
        // Pages that post (sign-in, report, track) share the policy with their own page view: only the posts count.
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("read");
        }

        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        return userId is null ? PerAddress(context, perMinute) : Window("user:" + userId, perMinute * 10);
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, int perMinute) =>
        Window("ip:" + ClientAddress(context), perMinute);

    /// <summary>The address a client is counted by (limits, sign-in back-off); "local" for an in-process caller.</summary>
    public static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "local";

    private static RateLimitPartition<string> Window(string key, int limit) => RateLimitPartition.GetFixedWindowLimiter(
        key + "/" + limit.ToString(CultureInfo.InvariantCulture),
        _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
