using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using System.Web;

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

    public async Task StartSmsboxAsync()
    {
        Start(Smsbox, Path.Combine(_dir, "kannel.conf"));
        await WaitForPortAsync(_sendsmsPort, "smsbox", this);
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

/// <summary>A message the phone received (a mobile-terminated SMS).</summary>
public sealed record ReceivedSms(string From, string To, string Text);

/// <summary>
/// The handset: fakesmsc connected to bearerbox's fake SMSC. The fake SMSC serves one client at a
/// time and fakesmsc sends only the messages on its command line, so each message sent replaces the
/// connection; what Kannel sends meanwhile waits in its queue and arrives on the next one.
/// </summary>
public sealed class FakePhone(int smscPort) : IAsyncDisposable
{
    private readonly Channel<ReceivedSms> _received = Channel.CreateUnbounded<ReceivedSms>();
    private Process? _connection;

    /// <summary>Sends an SMS from <paramref name="from"/> (e.g. <c>6281234567890</c>) to the short number; UCS-2 when it is not ASCII.</summary>
    public async Task SendAsync(string from, string text, string to = "1708")
    {
        await HangUpAsync();
        var message = text.All(char.IsAscii)
            ? $"{from} {to} text {text}"
            : $"{from} {to} ucs2 {HttpUtility.UrlEncode(Encoding.BigEndianUnicode.GetBytes(text))}";
        var psi = new ProcessStartInfo(Kannel.FakeSmsc) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-H", "127.0.0.1", "-r", smscPort.ToString(CultureInfo.InvariantCulture), "-i", "0.1", "-m", "1", message })
        {
            psi.ArgumentList.Add(arg);
        }

        var process = Process.Start(psi)!;
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _connection = process;
    }

    /// <summary>The next message to <paramref name="phone"/> that matches, within 30 s.</summary>
    public async Task<ReceivedSms> ReceiveAsync(string phone, Func<ReceivedSms, bool>? match = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            while (true)
            {
                var sms = await _received.Reader.ReadAsync(timeout.Token);
                if (sms.To == phone && (match is null || match(sms)))
                {
                    return sms;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No SMS to {phone} came out of Kannel within 30 s.");
        }
    }

    /// <summary><c>Got message N: &lt;from to type data&gt;</c>; text as is, ucs-2 URL-encoded UTF-16BE.</summary>
    private void Read(string? line)
    {
        var start = line?.IndexOf("Got message ", StringComparison.Ordinal) ?? -1;
        if (start < 0 || line![^1] != '>')
        {
            return;
        }

        var body = line[(line.IndexOf('<', start) + 1)..^1];
        var parts = body.Split(' ', 4);
        if (parts.Length < 4)
        {
            return;
        }

        var text = parts[2] switch
        {
            "ucs-2" or "ucs2" => Encoding.BigEndianUnicode.GetString(HttpUtility.UrlDecodeToBytes(parts[3])),
            _ => parts[3],
        };
        _received.Writer.TryWrite(new ReceivedSms(parts[0], parts[1], text));
    }

    private async Task HangUpAsync()
    {
        if (_connection is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            await process.WaitForExitAsync();
            process.Dispose();
            _connection = null;
        }
    }

    public ValueTask DisposeAsync() => new(HangUpAsync());
}
