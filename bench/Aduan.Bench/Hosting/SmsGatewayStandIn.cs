using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Aduan.Bench.Hosting;

/// <summary>
/// Stands in for Kannel's smsbox during the HTTP runs: answers <c>sendsms</c> as Kannel does when it
/// queued a message (202, <c>0: Accepted for delivery</c>). A city runs with a gateway, so each
/// report's confirmation SMS is delivered as in production instead of failing and being retried in
/// the background while intake is measured. It runs in the bench's process, on loopback.
/// </summary>
public sealed class SmsGatewayStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _accepted;

    private SmsGatewayStandIn(WebApplication app, Uri sendUrl)
    {
        _app = app;
        SendUrl = sendUrl;
    }

    public Uri SendUrl { get; }

    /// <summary>Messages accepted so far.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    public static async Task<SmsGatewayStandIn> StartAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        var port = AppInstance.FreePort();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var gateway = new SmsGatewayStandIn(app, new Uri($"http://127.0.0.1:{port}/cgi-bin/sendsms"));
        app.Run(context =>
        {
            if (context.Request.Path != "/cgi-bin/sendsms" || !context.Request.Query.ContainsKey("to"))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            Interlocked.Increment(ref gateway._accepted);
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            context.Response.ContentType = "text/plain";
            return context.Response.WriteAsync("0: Accepted for delivery", context.RequestAborted);
        });
        await app.StartAsync(ct);
        return gateway;
    }

    /// <summary>The app's environment with this gateway as its outgoing SMS route.</summary>
    public IReadOnlyDictionary<string, string> For(IReadOnlyDictionary<string, string> environment) =>
        new Dictionary<string, string>(environment) { ["Aduan__Sms__Kannel__SendUrl"] = SendUrl.ToString() };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
