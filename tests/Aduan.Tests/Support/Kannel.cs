using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Aduan.Tests.Support;

/// <summary>
/// A real Kannel (Debian's <c>kannel</c>, <c>kannel-extras</c>; test.sh installs them) on loopback
/// ports: bearerbox with a fake SMSC, smsbox whose sms-service calls the app at <paramref name="appPort"/>
/// with the shared secret, and a sendsms user for the app's replies. <see cref="Phone"/> is the
/// handset: Kannel's own fakesmsc.
/// </summary>
public sealed class Kannel : IAsyncDisposable
{
    public const string Bearerbox = "/usr/sbin/bearerbox";
    public const string Smsbox = "/usr/sbin/smsbox";
    public const string FakeSmsc = "/usr/lib/kannel/test/fakesmsc";
    public const string User = "aduan";
    public const string Password = "kannel-uji-rahasia";

    private readonly string _dir;
    private readonly List<Process> _boxes = [];
    private readonly int _sendsmsPort;

    private Kannel(string dir, int smscPort, int sendsmsPort)
    {
        _dir = dir;
        _sendsmsPort = sendsmsPort;
        SendUrl = $"http://127.0.0.1:{sendsmsPort}/cgi-bin/sendsms";
        Phone = new FakePhone(smscPort);
    }

    public string SendUrl { get; }

    public FakePhone Phone { get; }

    public static async Task<Kannel> StartAsync(int appPort, string secret)
    {
        foreach (var binary in new[] { Bearerbox, Smsbox, FakeSmsc })
        {
            if (!File.Exists(binary))
            {
                throw new InvalidOperationException($"{binary} is missing: apt-get install kannel kannel-extras (test.sh does).");
            }
        }

        var dir = Directory.CreateTempSubdirectory("aduan-kannel-").FullName;
        var (admin, smsbox, smsc, sendsms) = (AppServer.FreePort(), AppServer.FreePort(), AppServer.FreePort(), AppServer.FreePort());
        var config = Path.Combine(dir, "kannel.conf");
        await File.WriteAllTextAsync(config, Config(dir, admin, smsbox, smsc, sendsms, appPort, secret));
        var kannel = new Kannel(dir, smsc, sendsms);
        try
        {
            kannel.Start(Bearerbox, config);
            await WaitForPortAsync(smsbox, "bearerbox", kannel); // smsbox started before this port listens exits at once
            await WaitForPortAsync(smsc, "bearerbox's fake SMSC", kannel);
            kannel.Start(Smsbox, config);
            await WaitForPortAsync(sendsms, "smsbox", kannel);
            return kannel;
        }
        catch
        {
            await kannel.DisposeAsync();
            throw;
        }
    }

    /// <summary>The kannel.conf docs/kannel.conf describes, on this run's ports.</summary>
    private static string Config(string dir, int admin, int smsbox, int smsc, int sendsms, int appPort, string secret) =>
        string.Create(CultureInfo.InvariantCulture, $"""
            group = core
            admin-port = {admin}
            admin-password = {Guid.NewGuid():N}
            admin-allow-ip = 127.0.0.1
            smsbox-port = {smsbox}
            box-allow-ip = 127.0.0.1
            log-file = "{dir}/bearerbox.log"
            log-level = 1

            group = smsc
            smsc = fake
            smsc-id = fake
            port = {smsc}
            connect-allow-ip = 127.0.0.1

            group = smsbox
            bearerbox-host = 127.0.0.1
            bearerbox-port = {smsbox}
            sendsms-port = {sendsms}
            sendsms-interface = 127.0.0.1
            mo-recode = true
            http-request-retry = 60
            http-queue-delay = 1
            log-file = "{dir}/smsbox.log"
            log-level = 1

            group = sendsms-user
            username = {User}
            password = {Password}
            user-allow-ip = 127.0.0.1

            group = sms-service
            keyword = default
            catch-all = true
            max-messages = 0
            get-url = "http://127.0.0.1:{appPort}/api/v1/sms/kannel?secret={secret}&from=%p&to=%P&text=%b&id=%I&time=%t&charset=%C"
            """);

    private void Start(string binary, string config)
    {
        var psi = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(config);
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _boxes.Add(process);
    }

    private static async Task WaitForPortAsync(int port, string what, Kannel kannel)
    {
        for (var i = 0; i < 300; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                if (kannel._boxes.Any(p => p.HasExited))
                {
                    break;
                }

                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException($"{what} did not listen on {port}.\n{kannel.Logs()}");
    }

    /// <summary>Kills smsbox (sendsms and the sms-service stop; bearerbox keeps what arrives meanwhile).</summary>
    public async Task KillSmsboxAsync()
    {
        var smsbox = _boxes.Single(p => !p.HasExited && p.StartInfo.FileName == Smsbox);
        smsbox.Kill();
        await smsbox.WaitForExitAsync();
        _boxes.Remove(smsbox);
        smsbox.Dispose();
    }

    /// <summary>
    /// Starts smsbox again. The killed one's connections can hold its sendsms port in TIME_WAIT for up to
    /// a minute, and smsbox binds without SO_REUSEADDR (it exits with "bind failed"): try again until it binds.
    /// </summary>
    public async Task StartSmsboxAsync()
    {
        for (var attempt = 0; attempt < 90; attempt++)
        {
            Start(Smsbox, Path.Combine(_dir, "kannel.conf"));
            var smsbox = _boxes[^1];
            for (var i = 0; i < 50 && !smsbox.HasExited; i++)
            {
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync("127.0.0.1", _sendsmsPort);
                    if (!smsbox.HasExited)
                    {
                        return;
                    }
                }
                catch (SocketException)
                {
                    await Task.Delay(100);
                }
            }

            await smsbox.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
            if (!smsbox.HasExited)
            {
                break;
            }

            _boxes.Remove(smsbox);
            smsbox.Dispose();
            await Task.Delay(1000);
        }

        throw new InvalidOperationException($"smsbox did not listen on {_sendsmsPort} again.\n{Logs()}");
    }

    public bool LogContains(string log, string text)
    {
        var path = Path.Combine(_dir, log);
        if (!File.Exists(path))
        {
            return false;
        }

        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        return reader.ReadToEnd().Contains(text, StringComparison.Ordinal);
    }

    /// <summary>The end of Kannel's logs, for a failing test's message.</summary>
    public string Logs() => string.Join("\n", new[] { "bearerbox.log", "smsbox.log" }.Select(f => Path.Combine(_dir, f)).Where(File.Exists)
        .Select(f => $"--- {Path.GetFileName(f)}\n" + string.Join("\n", File.ReadLines(f).TakeLast(20))));

    public async ValueTask DisposeAsync()
    {
        await Phone.DisposeAsync();
        foreach (var process in Enumerable.Reverse(_boxes))
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            await process.WaitForExitAsync();
            process.Dispose();
        }

        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp directory is harmless
        }
    }
}
