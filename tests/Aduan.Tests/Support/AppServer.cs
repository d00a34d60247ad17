using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Aduan.Tests.Support;

/// <summary>The built app serving on a real loopback port, as its own process.</summary>
public sealed class AppServer : IAsyncDisposable
{
    private readonly Process _process;

    private AppServer(Process process, int port)
    {
        _process = process;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public int Port { get; }

    public HttpClient Client { get; }

    /// <param name="port">A port chosen beforehand (e.g. one a gateway's configuration already names); else a free one.</param>
    public static async Task<AppServer> StartAsync(string workingDirectory, IDictionary<string, string> environment, int? port = null)
    {
        port ??= FreePort();

        // The links the app writes (the reporter's tracking link, feeds) point at this very server.
        var own = new Dictionary<string, string>(environment) { ["Aduan__PublicBaseUrl"] = $"http://127.0.0.1:{port}" };
        var process = Process.Start(AppProcess.StartInfo(workingDirectory, own, "serve", "--urls", $"http://127.0.0.1:{port}"))!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new AppServer(process, port.Value);
        for (var i = 0; i < 600; i++)
        {
            try
            {
                if ((await server.Client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode} while starting.");
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The app did not become ready in 60 s.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
