using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Aduan.Bench.Hosting;

/// <summary>
/// The bench's hidden mode <c>bare-kestrel --urls URL</c>: Kestrel answering every request with the
/// same short text as the app's <c>/health/live</c>, with no middleware, no routing and no logging.
/// It runs as its own process, as the app does, so the difference between the two is what the
/// app's pipeline costs per request (issue 15).
/// </summary>
public static class BareKestrel
{
    public const string Mode = "bare-kestrel";

    public static bool IsMode(string[] args) => args is [Mode, ..];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [Mode, "--urls", var url])
        {
            await Console.Error.WriteLineAsync($"usage: Aduan.Bench {Mode} --urls http://127.0.0.1:PORT");
            return 2;
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        await using var app = builder.Build();
        app.Run(context =>
        {
            context.Response.ContentType = "text/plain";
            return context.Response.WriteAsync("Healthy", context.RequestAborted);
        });
        await app.RunAsync(url);
        return 0;
    }
}
