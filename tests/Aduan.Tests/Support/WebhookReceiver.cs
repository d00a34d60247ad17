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

    public sealed record Received(byte[] RawBody, string? IdempotencyKey, string? Timestamp, string? Signature)
    {
        public string Body => System.Text.Encoding.UTF8.GetString(RawBody);

        /// <summary>Checks the signature as an agency's website would, independently of Aduan's code: HMAC-SHA256 of "t.key.body" over the raw bytes.</summary>
        public bool SignedWith(string secret)
        {
            var signed = System.Text.Encoding.UTF8.GetBytes($"{Timestamp}.{IdempotencyKey}.").Concat(RawBody).ToArray();
            var expected = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), signed));
            return Signature == expected;
        }
    }

    public int Port { get; private set; }

    public string Url => $"http://127.0.0.1:{Port}/aduan/webhook";

    /// <summary>
    /// The receiver listens on loopback, which webhooks may not reach unless the host is allowed:
    /// the setting that allows it, for the factory (<see cref="AduanFactory.With"/>) or, as
    /// <see cref="AllowedHostVariable"/>, for an app process.
    /// </summary>
    public static readonly (string Key, string? Value) AllowedHostSetting = ("Aduan:Webhooks:AllowedInternalHosts:0", "127.0.0.1");

    public const string AllowedHostVariable = "Aduan__Webhooks__AllowedInternalHosts__0";

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
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            if (FailTimes > 0)
            {
                FailTimes--;
                return Results.StatusCode(FailStatus);
            }

            Requests.Enqueue(new Received(buffer.ToArray(), request.Headers["Idempotency-Key"], request.Headers["X-Aduan-Timestamp"],
                request.Headers["X-Aduan-Signature"]));
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
