using System.Net;
using System.Net.Sockets;
using System.Text;
using Aduan.Tests.Support;

namespace Aduan.Tests.Infrastructure;

/// <summary>On a real Kestrel port: a saturated instance sheds load instead of falling over.</summary>
public sealed class LoadSheddingTests
{
    [Fact]
    public async Task Saturated_AnswersBusyWith503AndRetryAfter_ButHealthStillAnswers()
    {
        var dir = Directory.CreateTempSubdirectory("aduan-load-").FullName;
        await using var server = await AppServer.StartAsync(dir, new Dictionary<string, string>
        {
            ["Aduan__MaxConcurrentRequests"] = "1",
            ["Aduan__MaxQueuedRequests"] = "0",
        });

        HttpResponseMessage? busy = null;
        HttpResponseMessage? health = null;
        for (var attempt = 1; attempt <= 10 && busy?.StatusCode != HttpStatusCode.ServiceUnavailable; attempt++)
        {
            await using var slow = await SlowClient.StartAsync(server.Port);
            await Task.Delay(200 * attempt); // let the server take the slow request in first, a little longer each time
            busy = await server.Client.GetAsync("/api/v1/categories");
            health = await server.Client.GetAsync("/health/live");
        }

        await busy!.ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(2), busy!.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, health!.StatusCode);

        // The slow client is gone: the permit is free again.
        HttpStatusCode status = 0;
        for (var i = 0; i < 50 && status != HttpStatusCode.OK; i++)
        {
            status = (await server.Client.GetAsync("/api/v1/categories")).StatusCode;
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.OK, status);
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>
    /// A client whose report trickles in (JSON whitespace, fast enough for Kestrel's minimum data
    /// rate), so its request holds a permit for as long as it lives.
    /// </summary>
    private sealed class SlowClient : IAsyncDisposable
    {
        private readonly TcpClient _tcp = new();
        private readonly CancellationTokenSource _stop = new();
        private Task _trickle = Task.CompletedTask;

        public static async Task<SlowClient> StartAsync(int port)
        {
            var client = new SlowClient();
            await client._tcp.ConnectAsync(IPAddress.Loopback, port);
            var stream = client._tcp.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                "POST /api/v1/complaints HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n{"));
            client._trickle = Task.Run(async () =>
            {
                try
                {
                    for (var i = 0; i < 150 && !client._stop.IsCancellationRequested; i++)
                    {
                        await stream.WriteAsync(Encoding.ASCII.GetBytes(new string(' ', 300)), client._stop.Token);
                        await Task.Delay(500, client._stop.Token);
                    }
                }
                catch (Exception e) when (e is OperationCanceledException or IOException)
                {
                    // stopped, or the server answered (503) and closed
                }
            });
            return client;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _trickle;
            _tcp.Dispose();
            _stop.Dispose();
        }
    }
}
