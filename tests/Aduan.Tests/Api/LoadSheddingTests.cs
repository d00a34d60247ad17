using System.Net;
using System.Net.Sockets;
using System.Text;
using Aduan.Tests.Support;

namespace Aduan.Tests.Api;

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

        // A client that sends half a report and stalls: it holds the only permit.
        using (var stalled = new TcpClient())
        {
            await stalled.ConnectAsync(IPAddress.Loopback, server.Port);
            await stalled.GetStream().WriteAsync(Encoding.ASCII.GetBytes(
                "POST /api/v1/complaints HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"text\": \""));
            // Until the server has read the stalled request, a probe may still get through: ask until it is busy.
            var busy = await server.Client.GetAsync("/api/v1/categories");
            for (var i = 0; i < 100 && busy.StatusCode != HttpStatusCode.ServiceUnavailable; i++)
            {
                await Task.Delay(50);
                busy = await server.Client.GetAsync("/api/v1/categories");
            }

            var health = await server.Client.GetAsync("/health/live");

            await busy.ProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal(TimeSpan.FromSeconds(2), busy.Headers.RetryAfter?.Delta);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        // The stalled client is gone: the permit is free again.
        HttpStatusCode status = 0;
        for (var i = 0; i < 50 && status != HttpStatusCode.OK; i++)
        {
            status = (await server.Client.GetAsync("/api/v1/categories")).StatusCode;
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.OK, status);
        Directory.Delete(dir, recursive: true);
    }
}
