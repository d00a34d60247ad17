using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Aduan.Tests.Support;

/// <summary>
/// A real SMTP server on a free loopback port: Debian's aiosmtpd (<c>python3-aiosmtpd</c>, installed by
/// test.sh) with its Maildir handler, refusing recipients at <see cref="RefusedDomain"/> with a
/// permanent 550. Tests read what arrived from disk. One per test run (collection <see cref="Name"/>);
/// tests tell their mail apart by a recipient of their own (<see cref="NewAddress"/>).
/// </summary>
public sealed class SmtpServer : IAsyncLifetime
{
    public const string Name = "SMTP server";
    public const string RefusedDomain = "ditolak.invalid";

    /// <summary>The Python with aiosmtpd: Debian's, not whichever python3 comes first on PATH.</summary>
    private static readonly string Python = Environment.GetEnvironmentVariable("ADUAN_TEST_PYTHON") ?? "/usr/bin/python3";

    private const string Handler = """
        from aiosmtpd.handlers import Mailbox

        class Handler(Mailbox):
            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                if address.lower().endswith('@ditolak.invalid'):
                    return '550 5.1.1 No such user here'
                envelope.rcpt_tos.append(address)
                return '250 OK'
        """;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "aduan-smtp", Guid.NewGuid().ToString("N"));
    private Process? _process;

    public int Port { get; private set; }

    public string Maildir => Path.Combine(_dir, "maildir");

    /// <summary>The app settings that send through this server.</summary>
    public (string, string?)[] Settings =>
    [
        ("Aduan:Mail:Host", "127.0.0.1"), ("Aduan:Mail:Port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Aduan:Mail:Security", "None"), ("Aduan:Mail:From", "Aduan Kota Bekasi <aduan@bekasikota.test>"),
    ];

    public static string NewAddress(string who = "pelapor") => $"{who}-{Guid.NewGuid():N}@contoh.test";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        await File.WriteAllTextAsync(Path.Combine(_dir, "aduan_smtp.py"), Handler);
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        await StartAsync();
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aduan_smtp.Handler", Maildir },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PYTHONPATH"] = _dir;
        _process = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        for (var i = 0; i < 200; i++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited with {_process.ExitCode}: is python3-aiosmtpd installed (test.sh installs it)?");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException("aiosmtpd did not accept connections within 10 s.");
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Every message delivered to <paramref name="address"/> so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> MessagesTo(string address)
    {
        var files = new[] { "new", "cur" }.Select(d => Path.Combine(Maildir, d)).Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles).Select(f => new FileInfo(f)).OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name);
        return [.. files.Select(f => MimeMessage.Load(f.FullName))
            .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
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

[CollectionDefinition(SmtpServer.Name)]
public sealed class SharedSmtpServer : ICollectionFixture<SmtpServer>;
