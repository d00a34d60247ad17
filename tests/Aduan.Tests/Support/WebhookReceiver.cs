using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aduan.Tests.Support;

/// <summary>An agency's website stand-in: a real HTTP server on loopback that records what it is sent.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private WebApplication? _app;

    private WebhookReceiver(int port) => Port = port;

    public sealed record Received(string Body, string? IdempotencyKey, string? Signature);

    public int Port { get; private set; }

    public string Url => $"http://127.0.0.1:{Port}/aduan/webhook";

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Answer this status (e.g. 503 or 400) instead of 200, this many more times.</summary>
    public int FailTimes { get; set; }

    public int FailStatus { get; set; } = StatusCodes.Status503ServiceUnavailable;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver(0);
        await receiver.UpAsync();
        return receiver;
    }

    /// <summary>Starts listening (again, on the same port once it has one).</summary>
    public async Task UpAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        _app = builder.Build();
        _app.MapPost("/aduan/webhook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            if (FailTimes > 0)
            {
                FailTimes--;
                return Results.StatusCode(FailStatus);
            }

            Requests.Enqueue(new Received(body, request.Headers["Idempotency-Key"], request.Headers["X-Aduan-Signature"]));
            return Results.Ok();
        });
        await _app.StartAsync();
        Port = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
    }

    /// <summary>The website goes down: connections are refused until <see cref="UpAsync"/>.</summary>
    public async Task DownAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public ValueTask DisposeAsync() => new(DownAsync());
}
